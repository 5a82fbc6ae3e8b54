import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { CloseComplaintDto } from './close-complaint.dto';
import { CloseComplaintCommand } from './close-complaint.handler';

@ApiTags('complaints')
@Controller('complaints')
export class CloseComplaintController {
  constructor(private readonly commands: CommandBus) {}

  /** Closes a resolved complaint. */
  @Post(':id/closure')
  @HttpCode(200)
  close(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: CloseComplaintDto) {
    return this.commands.execute(new CloseComplaintCommand(ctx, id, body));
  }
}
