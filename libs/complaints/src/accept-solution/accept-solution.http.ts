import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { SolutionNumberPipe } from '../solution-number.pipe';
import { AcceptSolutionDto } from './accept-solution.dto';
import { AcceptSolutionCommand } from './accept-solution.handler';

@ApiTags('complaints')
@Controller('complaints')
export class AcceptSolutionController {
  constructor(private readonly commands: CommandBus) {}

  /** The customer accepted solution n: the complaint may be resolved. */
  @Post(':id/solutions/:n/acceptance')
  @HttpCode(200)
  accept(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Param('n', SolutionNumberPipe) solutionNo: number, @Body() body: AcceptSolutionDto) {
    return this.commands.execute(new AcceptSolutionCommand(ctx, id, { ...body, solutionNo }));
  }
}
