import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { RecordInterestsDto } from './record-interests.dto';
import { RecordInterestsCommand } from './record-interests.handler';

@ApiTags('membership')
@Controller('members')
export class RecordInterestsController {
  constructor(private readonly commands: CommandBus) {}

  /** The member's interests for targeting club activities (replaces the earlier list). */
  @Post(':id/interests')
  @HttpCode(200)
  record(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: RecordInterestsDto) {
    return this.commands.execute(new RecordInterestsCommand(ctx, id, body));
  }
}
