import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError } from '@aftercare/kernel';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { ChangeContactDetailsDto } from './change-contact-details.dto';
import { ChangeContactDetailsCommand } from './change-contact-details.handler';

@ApiTags('customers')
@Controller('customers')
export class ChangeContactDetailsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/contact-details')
  @HttpCode(200)
  async change(@CommandCtx() ctx: CommandContext, @Param('id') customerId: string, @Body() body: ChangeContactDetailsDto) {
    if (!Object.values(body).some((v) => v !== undefined)) {
      throw DomainError.invalid('CUSTOMER.NO_CHANGES', 'send at least one of phone, email, address, bestContactTime', [
        { field: 'phone', message: 'at least one contact detail is required' },
      ]);
    }
    return this.commands.execute(new ChangeContactDetailsCommand(ctx, { customerId, ...body }));
  }
}
