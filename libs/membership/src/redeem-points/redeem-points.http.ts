import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { RedeemPointsDto } from './redeem-points.dto';
import { RedeemPointsCommand } from './redeem-points.handler';

@ApiTags('membership')
@Controller('members')
export class RedeemPointsController {
  constructor(private readonly commands: CommandBus) {}

  /** R-MB-2: over the usable balance → 409 MEMBER.INSUFFICIENT_POINTS. Answers `{ id, revision, points }` (the balance after). */
  @Post(':id/redemptions')
  @HttpCode(200)
  redeem(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: RedeemPointsDto) {
    return this.commands.execute(new RedeemPointsCommand(ctx, id, body));
  }
}
