import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { ReviseClaimDto } from './revise-claim.dto';
import { ReviseClaimCommand } from './revise-claim.handler';

@ApiTags('claims')
@Controller('claims')
export class ReviseClaimController {
  constructor(private readonly commands: CommandBus) {}

  /** A revised application after a rejection (or during the sign-offs): a new round; every sign-off of the old content waits again. */
  @Post(':id/revision')
  @HttpCode(200)
  reviseClaim(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: ReviseClaimDto) {
    return this.commands.execute(new ReviseClaimCommand(ctx, id, body));
  }
}
