import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { SubmitMaterialsDto } from './submit-materials.dto';
import { SubmitMaterialsCommand } from './submit-materials.handler';

@ApiTags('claims')
@Controller('claims')
export class SubmitMaterialsController {
  constructor(private readonly commands: CommandBus) {}

  /** DOMAIN.md goodwill compensation step 5: the dealer sends the documents the region asked for. */
  @Post(':id/materials')
  @HttpCode(200)
  submitMaterials(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: SubmitMaterialsDto) {
    return this.commands.execute(new SubmitMaterialsCommand(ctx, id, body));
  }
}
