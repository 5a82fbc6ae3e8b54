import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { ResolveComplaintDto } from './resolve-complaint.dto';
import { ResolveComplaintCommand } from './resolve-complaint.handler';

@ApiTags('complaints')
@Controller('complaints')
export class ResolveComplaintController {
  constructor(private readonly commands: CommandBus) {}

  /** Needs an accepted solution; asks for the R-CP-6 follow-up call within 2 days (R-CB-7). */
  @Post(':id/resolution')
  @HttpCode(200)
  resolve(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: ResolveComplaintDto) {
    return this.commands.execute(new ResolveComplaintCommand(ctx, id, body));
  }
}
