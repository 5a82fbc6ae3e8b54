import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx, Created } from '@aftercare/platform';
import { EnrolledMemberDoc, EnrolMemberDto } from './enrol-member.dto';
import { EnrolMemberCommand } from './enrol-member.handler';

@ApiTags('membership')
@Controller('members')
export class EnrolMemberController {
  constructor(private readonly commands: CommandBus) {}

  /** Enrols a customer of your dealer in the owners' club: `{ id, cardNo, revision }`; the tier starts from R-MB-1. */
  @Post()
  @Created('/api/v1/members/:id')
  @ApiCreatedResponse({ type: EnrolledMemberDoc })
  enrol(@CommandCtx() ctx: CommandContext, @Body() body: EnrolMemberDto) {
    return this.commands.execute(new EnrolMemberCommand(ctx, body.customerId));
  }
}
