import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx, Created } from '@aftercare/platform';
import { ApplyGoodwillCompensationDto } from './apply-goodwill-compensation.dto';
import { ApplyGoodwillCompensationCommand } from './apply-goodwill-compensation.handler';

@ApiTags('claims')
@Controller('claims')
export class ApplyGoodwillCompensationController {
  constructor(private readonly commands: CommandBus) {}

  /** DOMAIN.md step 3 (R-GC-2): the service director's application, for a major complaint, direct costs only. */
  @Post('goodwill-compensation')
  @Created('/api/v1/claims/:id')
  apply(@CommandCtx() ctx: CommandContext, @Body() body: ApplyGoodwillCompensationDto) {
    return this.commands.execute(new ApplyGoodwillCompensationCommand(ctx, body));
  }
}
