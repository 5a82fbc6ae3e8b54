import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { InvestigateComplaintDto } from './investigate-complaint.dto';
import { InvestigateComplaintCommand } from './investigate-complaint.handler';

@ApiTags('complaints')
@Controller('complaints')
export class InvestigateComplaintController {
  constructor(private readonly commands: CommandBus) {}

  /** R-CP-5: the investigation ends with a root cause and a responsible party. */
  @Post(':id/investigation')
  @HttpCode(200)
  investigate(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: InvestigateComplaintDto) {
    return this.commands.execute(new InvestigateComplaintCommand(ctx, id, body));
  }
}
