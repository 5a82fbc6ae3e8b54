import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { AcknowledgeComplaintDto } from './acknowledge-complaint.dto';
import { AcknowledgeComplaintCommand } from './acknowledge-complaint.handler';

@ApiTags('complaints')
@Controller('complaints')
export class AcknowledgeComplaintController {
  constructor(private readonly commands: CommandBus) {}

  /** R-CP-1: apologise and commit to a reply-by date. */
  @Post(':id/acknowledgement')
  @HttpCode(200)
  acknowledge(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: AcknowledgeComplaintDto) {
    return this.commands.execute(new AcknowledgeComplaintCommand(ctx, id, body));
  }
}
