import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx, Created } from '@aftercare/platform';
import { RequestGoodwillWarrantyDto } from './request-goodwill-warranty.dto';
import { RequestGoodwillWarrantyCommand } from './request-goodwill-warranty.handler';

@ApiTags('claims')
@Controller('claims')
export class RequestGoodwillWarrantyController {
  constructor(private readonly commands: CommandBus) {}

  /** R-GW-1: a sensitive customer, a vehicle out of warranty; R-GW-2's first step. */
  @Post('goodwill-warranty')
  @Created('/api/v1/claims/:id')
  request(@CommandCtx() ctx: CommandContext, @Body() body: RequestGoodwillWarrantyDto) {
    return this.commands.execute(new RequestGoodwillWarrantyCommand(ctx, body));
  }
}
