import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { ReopenComplaintDto } from './reopen-complaint.dto';
import { ReopenComplaintCommand } from './reopen-complaint.handler';

@ApiTags('complaints')
@Controller('complaints')
export class ReopenComplaintController {
  constructor(private readonly commands: CommandBus) {}

  /** R-CP-6: a dissatisfied customer reopens a resolved or closed complaint. */
  @Post(':id/reopening')
  @HttpCode(200)
  reopen(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: ReopenComplaintDto) {
    return this.commands.execute(new ReopenComplaintCommand(ctx, id, body));
  }
}
