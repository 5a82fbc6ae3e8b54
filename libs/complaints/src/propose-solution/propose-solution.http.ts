import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { ProposeSolutionDto } from './propose-solution.dto';
import { ProposeSolutionCommand } from './propose-solution.handler';

@ApiTags('complaints')
@Controller('complaints')
export class ProposeSolutionController {
  constructor(private readonly commands: CommandBus) {}

  /** Answers { id, revision, solutionNo }. */
  @Post(':id/solutions')
  @HttpCode(200)
  propose(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: ProposeSolutionDto) {
    return this.commands.execute(new ProposeSolutionCommand(ctx, id, body));
  }
}
