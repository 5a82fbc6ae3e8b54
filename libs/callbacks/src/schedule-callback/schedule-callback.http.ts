import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx, Created } from '@aftercare/platform';
import { ScheduleCallbackDto } from './schedule-callback.dto';
import { ScheduleCallbackCommand } from './schedule-callback.handler';

@ApiTags('callbacks')
@Controller('callbacks')
export class ScheduleCallbackController {
  constructor(private readonly commands: CommandBus) {}

  /** A callback put in the queue by hand; never for a kind of call the customer refused (409 CALLBACK.DO_NOT_CALL). */
  @Post()
  @Created('/api/v1/callbacks/:id')
  schedule(@CommandCtx() ctx: CommandContext, @Body() body: ScheduleCallbackDto) {
    return this.commands.execute(new ScheduleCallbackCommand(ctx, body));
  }
}
