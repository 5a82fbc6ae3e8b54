import { Body, Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { CancelMembershipDto } from './cancel-membership.dto';
import { CancelMembershipCommand } from './cancel-membership.handler';

@ApiTags('membership')
@Controller('members')
export class CancelMembershipController {
  constructor(private readonly commands: CommandBus) {}

  /** Cancels the membership (body: reason); the points left are forfeited; the history stays readable. */
  @Delete(':id')
  @HttpCode(200)
  cancel(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: CancelMembershipDto) {
    return this.commands.execute(new CancelMembershipCommand(ctx, id, body));
  }
}
