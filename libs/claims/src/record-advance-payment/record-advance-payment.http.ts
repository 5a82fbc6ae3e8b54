import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { RecordAdvancePaymentDto } from './record-advance-payment.dto';
import { RecordAdvancePaymentCommand } from './record-advance-payment.handler';

@ApiTags('claims')
@Controller('claims')
export class RecordAdvancePaymentController {
  constructor(private readonly commands: CommandBus) {}

  /** DOMAIN.md step 1: the dealer's emergency advance to the customer; refused (409) without a signed and confirmed waiver (R-GC-1). */
  @Post(':id/advance-payment')
  @HttpCode(200)
  recordAdvancePayment(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: RecordAdvancePaymentDto) {
    return this.commands.execute(new RecordAdvancePaymentCommand(ctx, id, body));
  }
}
