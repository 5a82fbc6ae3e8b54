import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { SolutionNumberPipe } from '../solution-number.pipe';
import { RejectSolutionDto } from './reject-solution.dto';
import { RejectSolutionCommand } from './reject-solution.handler';

@ApiTags('complaints')
@Controller('complaints')
export class RejectSolutionController {
  constructor(private readonly commands: CommandBus) {}

  /** The customer refused solution n, with a reason; a new solution may follow. */
  @Post(':id/solutions/:n/rejection')
  @HttpCode(200)
  reject(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Param('n', SolutionNumberPipe) solutionNo: number, @Body() body: RejectSolutionDto) {
    return this.commands.execute(new RejectSolutionCommand(ctx, id, { ...body, solutionNo }));
  }
}
