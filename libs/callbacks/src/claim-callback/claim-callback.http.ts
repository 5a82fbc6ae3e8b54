import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { ClaimCallbackCommand } from './claim-callback.handler';

@ApiTags('callbacks')
@Controller('callbacks')
export class ClaimCallbackController {
  constructor(private readonly commands: CommandBus) {}

  /** R-CB-11: the agent takes the call; a second agent gets 409 CALLBACK.ALREADY_CLAIMED. */
  @Post(':id/claim')
  @HttpCode(200)
  claim(@CommandCtx() ctx: CommandContext, @Param('id') id: string) {
    return this.commands.execute(new ClaimCallbackCommand(ctx, id));
  }
}
