import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { UseBenefitDto } from './use-benefit.dto';
import { UseBenefitCommand } from './use-benefit.handler';

@ApiTags('membership')
@Controller('members')
export class UseBenefitController {
  constructor(private readonly commands: CommandBus) {}

  /** A benefit used; past its yearly allowance → 409 MEMBER.BENEFIT_USED_UP. */
  @Post(':id/benefit-uses')
  @HttpCode(200)
  use(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: UseBenefitDto) {
    return this.commands.execute(new UseBenefitCommand(ctx, id, body));
  }
}
