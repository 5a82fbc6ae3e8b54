import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx, Created } from '@aftercare/platform';
import { RegisterVehicleDto } from './register-vehicle.dto';
import { RegisterVehicleCommand } from './register-vehicle.handler';

@ApiTags('customers')
@Controller('customers')
export class RegisterVehicleController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/vehicles')
  @Created('/api/v1/vehicles/:id')
  async register(@CommandCtx() ctx: CommandContext, @Param('id') customerId: string, @Body() body: RegisterVehicleDto) {
    const details = {
      ...body,
      purchaseDate: new Date(body.purchaseDate).toISOString(),
      deliveredAt: new Date(body.deliveredAt).toISOString(),
      insuranceExpiry: body.insuranceExpiry ? new Date(body.insuranceExpiry).toISOString() : null,
      firstServiceDueAt: body.firstServiceDueAt ? new Date(body.firstServiceDueAt).toISOString() : null,
    };
    return this.commands.execute(new RegisterVehicleCommand(ctx, customerId, details));
  }
}
