import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { SettleClaimDto } from './settle-claim.dto';
import { SettleClaimCommand } from './settle-claim.handler';

@ApiTags('claims')
@Controller('claims')
export class SettleClaimController {
  constructor(private readonly commands: CommandBus) {}

  /** R-GC-3 / R-GW-2: product liability settles goodwill compensation (a parts claim, not in the per-vehicle claim cost); claims staff settle goodwill warranty. */
  @Post(':id/settlement')
  @HttpCode(200)
  settleClaim(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: SettleClaimDto) {
    return this.commands.execute(new SettleClaimCommand(ctx, id, body));
  }
}
