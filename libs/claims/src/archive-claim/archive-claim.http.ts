import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { ArchiveClaimDto } from './archive-claim.dto';
import { ArchiveClaimCommand } from './archive-claim.handler';

@ApiTags('claims')
@Controller('claims')
export class ArchiveClaimController {
  constructor(private readonly commands: CommandBus) {}

  /** After the last sign-off: product liability (goodwill compensation) or claims staff (goodwill warranty) archive the claim. */
  @Post(':id/archive')
  @HttpCode(200)
  archiveClaim(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: ArchiveClaimDto) {
    return this.commands.execute(new ArchiveClaimCommand(ctx, id, body));
  }
}
