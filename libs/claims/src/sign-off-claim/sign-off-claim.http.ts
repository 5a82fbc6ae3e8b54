import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { SignOffClaimDto } from './sign-off-claim.dto';
import { SignOffClaimCommand } from './sign-off-claim.handler';

@ApiTags('claims')
@Controller('claims')
export class SignOffClaimController {
  constructor(private readonly commands: CommandBus) {}

  /** R-GC-2 / R-GW-2: approve or reject; the step follows from the claim's state and the caller's role. Send If-Match (the revision read) or contentHash (the hash read) to bind the decision to what you saw. */
  @Post(':id/approvals')
  @HttpCode(200)
  signOffClaim(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: SignOffClaimDto) {
    return this.commands.execute(new SignOffClaimCommand(ctx, id, body));
  }
}
