import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { RequestMaterialsDto } from './request-materials.dto';
import { RequestMaterialsCommand } from './request-materials.handler';

@ApiTags('claims')
@Controller('claims')
export class RequestMaterialsController {
  constructor(private readonly commands: CommandBus) {}

  /** DOMAIN.md goodwill compensation step 5: regional staff ask the dealer for invoices, settlement statements, court judgments. */
  @Post(':id/materials/request')
  @HttpCode(200)
  requestMaterials(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: RequestMaterialsDto) {
    return this.commands.execute(new RequestMaterialsCommand(ctx, id, body));
  }
}
