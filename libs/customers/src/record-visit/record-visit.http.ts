import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock, DomainError } from '@aftercare/kernel';
import { CommandContext, CommandCtx, Created } from '@aftercare/platform';
import { RecordVisitDto } from './record-visit.dto';
import { RecordVisitCommand } from './record-visit.handler';

@ApiTags('customers')
@Controller('vehicles')
export class RecordVisitController {
  constructor(private readonly commands: CommandBus, @Inject(CLOCK) private readonly clock: Clock) {}

  /** R-CF-1: the file keeps when the visit happened and when it was recorded. */
  @Post(':vin/visits')
  @Created('/api/v1/vehicles/:vin/visits/:id')
  async record(@CommandCtx() ctx: CommandContext, @Param('vin') vin: string, @Body() body: RecordVisitDto) {
    if (body.occurredAt && Date.parse(body.occurredAt) > this.clock.now().getTime()) {
      throw DomainError.invalid('VISIT.OCCURRED_IN_FUTURE', 'occurredAt cannot be in the future', [
        { field: 'occurredAt', message: 'must not be in the future' },
      ]);
    }
    return this.commands.execute(new RecordVisitCommand(ctx, { vin, ...body }));
  }
}
