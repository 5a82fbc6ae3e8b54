import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { VerifyVehicleDto } from './verify-vehicle.dto';
import { VerifyVehicleCommand } from './verify-vehicle.handler';

@ApiTags('claims')
@Controller('claims')
export class VerifyVehicleController {
  constructor(private readonly commands: CommandBus) {}

  /** R-GW-2: the OEM field service rep verifies the vehicle. */
  @Post(':id/vehicle-verification')
  @HttpCode(200)
  verifyVehicle(@CommandCtx() ctx: CommandContext, @Param('id') id: string, @Body() body: VerifyVehicleDto) {
    return this.commands.execute(new VerifyVehicleCommand(ctx, id, body));
  }
}
