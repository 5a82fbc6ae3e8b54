import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { FillApprovalFormDto } from './fill-approval-form.dto';
import { FillApprovalFormCommand } from './fill-approval-form.handler';

@ApiTags('claims')
@Controller('claims')
export class FillApprovalFormController {
  constructor(private readonly commands: CommandBus) {}

  /** R-GW-2: the service director fills the approval form (《优惠索赔审批表》) with the amount. */
  @Post(':id/approval-form')
  @HttpCode(200)
  fillApprovalForm(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: FillApprovalFormDto) {
    return this.commands.execute(new FillApprovalFormCommand(ctx, id, body));
  }
}
