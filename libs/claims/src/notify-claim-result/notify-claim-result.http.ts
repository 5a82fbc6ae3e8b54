import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { NotifyClaimResultDto } from './notify-claim-result.dto';
import { NotifyClaimResultCommand } from './notify-claim-result.handler';

@ApiTags('claims')
@Controller('claims')
export class NotifyClaimResultController {
  constructor(private readonly commands: CommandBus) {}

  /** R-GW-2: the result is passed to the field service rep (by the field technical manager, as the seed says). */
  @Post(':id/result-notification')
  @HttpCode(200)
  notifyClaimResult(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: NotifyClaimResultDto) {
    return this.commands.execute(new NotifyClaimResultCommand(ctx, id, body));
  }
}
