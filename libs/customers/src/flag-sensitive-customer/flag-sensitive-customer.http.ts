import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { FlagSensitiveCustomerDto } from './flag-sensitive-customer.dto';
import { FlagSensitiveCustomerCommand } from './flag-sensitive-customer.handler';

@ApiTags('customers')
@Controller('customers')
export class FlagSensitiveCustomerController {
  constructor(private readonly commands: CommandBus) {}

  /** R-CF-2 */
  @Post(':id/sensitive-flags')
  @HttpCode(200)
  async flag(@CommandCtx() ctx: CommandContext, @Param('id') customerId: string, @Body() body: FlagSensitiveCustomerDto) {
    return this.commands.execute(new FlagSensitiveCustomerCommand(ctx, customerId, body.kind, body.reason));
  }
}
