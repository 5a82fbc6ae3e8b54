import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { RecordActivityDto } from './record-activity.dto';
import { RecordActivityCommand } from './record-activity.handler';

@ApiTags('membership')
@Controller('members')
export class RecordActivityController {
  constructor(private readonly commands: CommandBus) {}

  /** Attendance at a club activity; the same activity again changes nothing. */
  @Post(':id/activities')
  @HttpCode(200)
  record(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: RecordActivityDto) {
    return this.commands.execute(new RecordActivityCommand(ctx, id, body));
  }
}
