import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { CallbackErrors } from '../domain/callback.errors';
import { RecordCallbackAttemptDto } from './record-callback-attempt.dto';
import { RecordCallbackAttemptCommand } from './record-callback-attempt.handler';

@ApiTags('callbacks')
@Controller('callbacks')
export class RecordCallbackAttemptController {
  constructor(private readonly commands: CommandBus, @Inject(CLOCK) private readonly clock: Clock) {}

  /**
   * R-CB-12: not reached → retried, then `unreachable`; reached → the outcome.
   * Feedback `complaint` opens one complaint linked to the callback (answer's complaintId).
   */
  @Post(':id/attempts')
  @HttpCode(200)
  record(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: RecordCallbackAttemptDto) {
    if (body.occurredAt && Date.parse(body.occurredAt) > this.clock.now().getTime()) throw CallbackErrors.occurredInFuture();
    return this.commands.execute(new RecordCallbackAttemptCommand(ctx, id, body));
  }
}
