import { Body, Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { ErasePersonalDataDto } from './erase-personal-data.dto';
import { ErasePersonalDataCommand } from './erase-personal-data.handler';

@ApiTags('customers')
@Controller('customers')
export class ErasePersonalDataController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * API.md: erases the customer's personal data, keeps the history. 200 with
   * `{ id, revision }`; again on an erased customer: 200, nothing appended.
   */
  @Delete(':id/personal-data')
  @HttpCode(200)
  async erase(@CommandCtx() ctx: CommandContext, @Param('id') customerId: string, @Body() body: ErasePersonalDataDto) {
    return this.commands.execute(new ErasePersonalDataCommand(ctx, customerId, body.reason));
  }
}
