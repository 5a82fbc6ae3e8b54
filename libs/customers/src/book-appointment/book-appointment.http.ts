import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContext, CommandCtx, Created } from '@aftercare/platform';
import { BookAppointmentDto } from './book-appointment.dto';
import { BookAppointmentCommand } from './book-appointment.handler';

@ApiTags('customers')
@Controller('customers')
export class BookAppointmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/appointments')
  @Created('/api/v1/appointments/:id')
  async book(@CommandCtx() ctx: CommandContext, @Param('id') customerId: string, @Body() body: BookAppointmentDto) {
    return this.commands.execute(new BookAppointmentCommand(ctx, customerId, body.scheduledFor, body.purpose));
  }
}
