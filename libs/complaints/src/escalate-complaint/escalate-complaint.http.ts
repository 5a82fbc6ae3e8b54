import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { EscalateComplaintDto } from './escalate-complaint.dto';
import { EscalateComplaintCommand } from './escalate-complaint.handler';

@ApiTags('complaints')
@Controller('complaints')
export class EscalateComplaintController {
  constructor(private readonly commands: CommandBus) {}

  /** R-CP-3: report the complaint to the business supervisor. */
  @Post(':id/escalation')
  @HttpCode(200)
  escalate(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: EscalateComplaintDto) {
    return this.commands.execute(new EscalateComplaintCommand(ctx, id, body));
  }
}
