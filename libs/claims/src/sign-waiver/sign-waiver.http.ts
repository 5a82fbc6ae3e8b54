import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { SignWaiverDto } from './sign-waiver.dto';
import { SignWaiverCommand } from './sign-waiver.handler';

@ApiTags('claims')
@Controller('claims')
export class SignWaiverController {
  constructor(private readonly commands: CommandBus) {}

  /** R-GC-1: the dealer and the customer signed the waiver (免责协议). */
  @Post(':id/waiver')
  @HttpCode(200)
  signWaiver(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: SignWaiverDto) {
    return this.commands.execute(new SignWaiverCommand(ctx, id, body));
  }
}
