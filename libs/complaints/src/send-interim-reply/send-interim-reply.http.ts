import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { SendInterimReplyDto } from './send-interim-reply.dto';
import { SendInterimReplyCommand } from './send-interim-reply.handler';

@ApiTags('complaints')
@Controller('complaints')
export class SendInterimReplyController {
  constructor(private readonly commands: CommandBus) {}

  /** R-CP-2: what the customer is told while the complaint is not yet solved. */
  @Post(':id/interim-replies')
  @HttpCode(200)
  reply(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: SendInterimReplyDto) {
    return this.commands.execute(new SendInterimReplyCommand(ctx, id, body));
  }
}
