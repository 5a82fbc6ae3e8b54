import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { SetContactPreferencesDto } from './set-contact-preferences.dto';
import { SetContactPreferencesCommand } from './set-contact-preferences.handler';

@ApiTags('customers')
@Controller('customers')
export class SetContactPreferencesController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/contact-preferences')
  @HttpCode(200)
  async set(@CommandCtx() ctx: CommandContext, @Param('id') customerId: string, @Body() body: SetContactPreferencesDto) {
    return this.commands.execute(new SetContactPreferencesCommand(ctx, { customerId, doNotCall: body.doNotCall, reason: body.reason }));
  }
}
