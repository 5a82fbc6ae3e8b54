import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { AssessFailureDto } from './assess-failure.dto';
import { AssessFailureCommand } from './assess-failure.handler';

@ApiTags('claims')
@Controller('claims')
export class AssessFailureController {
  constructor(private readonly commands: CommandBus) {}

  /** R-GW-1: the field technical manager decides whether it is a quality problem; natural-disaster damage is refused (CLAIM.NATURAL_DISASTER) and handed back to complaint handling. */
  @Post(':id/technical-assessment')
  @HttpCode(200)
  assessFailure(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: AssessFailureDto) {
    return this.commands.execute(new AssessFailureCommand(ctx, id, body));
  }
}
