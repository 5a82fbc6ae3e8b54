import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { ConfirmWaiverDto } from './confirm-waiver.dto';
import { ConfirmWaiverCommand } from './confirm-waiver.handler';

@ApiTags('claims')
@Controller('claims')
export class ConfirmWaiverController {
  constructor(private readonly commands: CommandBus) {}

  /** R-GC-1: OEM after-sales staff of the dealer's region confirm the signed waiver. */
  @Post(':id/waiver/confirmation')
  @HttpCode(200)
  confirmWaiver(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: ConfirmWaiverDto) {
    return this.commands.execute(new ConfirmWaiverCommand(ctx, id, body));
  }
}
