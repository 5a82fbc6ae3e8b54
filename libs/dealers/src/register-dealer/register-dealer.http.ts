import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx, Created } from '@aftercare/platform';
import { RegisterDealerDto } from './register-dealer.dto';
import { RegisterDealerCommand } from './register-dealer.handler';
import { ResourceRevisionDto } from '../read-models/dealers/dealer.view';

@ApiTags('dealers')
@Controller('dealers')
export class RegisterDealerController {
  constructor(private readonly commands: CommandBus) {}

  /** API.md "Dealers": admin only; a dealer id already registered is a 409 DEALER.ALREADY_REGISTERED. */
  @Post()
  @Created('/api/v1/dealers/:id')
  @ApiCreatedResponse({ type: ResourceRevisionDto })
  register(@CommandCtx() ctx: CommandContext, @Body() body: RegisterDealerDto): Promise<{ id: string; revision: number }> {
    return this.commands.execute(new RegisterDealerCommand(ctx, { dealerId: body.dealerId, name: body.name, region: body.region }));
  }
}
