import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { RecordReferralDto } from './record-referral.dto';
import { RecordReferralCommand } from './record-referral.handler';

@ApiTags('customers')
@Controller('customers')
export class RecordReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/referrals')
  @HttpCode(200)
  async refer(@CommandCtx() ctx: CommandContext, @Param('id') customerId: string, @Body() body: RecordReferralDto) {
    return this.commands.execute(new RecordReferralCommand(ctx, customerId, body.referredCustomerId));
  }
}
