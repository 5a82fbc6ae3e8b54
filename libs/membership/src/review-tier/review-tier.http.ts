import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { ReviewTierCommand } from './review-tier.handler';

@ApiTags('membership')
@Controller('members')
export class ReviewTierController {
  constructor(private readonly commands: CommandBus) {}

  /** R-MB-1 now (admin); normally automatic. Answers `{ id, revision, tier, changed }`. */
  @Post(':id/tier-review')
  @HttpCode(200)
  review(@CommandCtx() ctx: CommandContext, @Param('id') id: string) {
    return this.commands.execute(new ReviewTierCommand(ctx, id));
  }
}
