import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx } from '@aftercare/platform';
import { AppointmentKeptDto, AppointmentMissedDto } from './record-appointment-outcome.dto';
import { RecordAppointmentOutcomeCommand } from './record-appointment-outcome.handler';

@ApiTags('customers')
@Controller('appointments')
export class RecordAppointmentOutcomeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/kept')
  @HttpCode(200)
  async kept(@CommandCtx() ctx: CommandContext, @Param('id') appointmentId: string, @Body() _body: AppointmentKeptDto) {
    return this.commands.execute(new RecordAppointmentOutcomeCommand(ctx, { appointmentId, outcome: 'kept' }));
  }

  /** Missed appointments and excuses are churn signals (DOMAIN.md "Segmentation"). */
  @Post(':id/missed')
  @HttpCode(200)
  async missed(@CommandCtx() ctx: CommandContext, @Param('id') appointmentId: string, @Body() body: AppointmentMissedDto) {
    return this.commands.execute(new RecordAppointmentOutcomeCommand(ctx, { appointmentId, outcome: 'missed', excuse: body.excuse ?? null }));
  }
}
