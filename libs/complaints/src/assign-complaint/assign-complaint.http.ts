import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { AssignComplaintDto } from './assign-complaint.dto';
import { AssignComplaintCommand } from './assign-complaint.handler';

@ApiTags('complaints')
@Controller('complaints')
export class AssignComplaintController {
  constructor(private readonly commands: CommandBus) {}

  /** R-CP-3: the business supervisor names a responsible person and a deadline. */
  @Post(':id/assignment')
  @HttpCode(200)
  assign(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: AssignComplaintDto) {
    return this.commands.execute(new AssignComplaintCommand(ctx, id, body));
  }
}
