import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError } from '@aftercare/kernel';
import { Caller, CommandContext, CommandCtx, Created, Principal } from '@aftercare/platform';
import { ReceiveComplaintDto } from './receive-complaint.dto';
import { ReceiveComplaintCommand } from './receive-complaint.handler';

@ApiTags('complaints')
@Controller('complaints')
export class ReceiveComplaintController {
  constructor(private readonly commands: CommandBus) {}

  /** R-CP-4: a major complaint notifies the dealer general manager in the same append. */
  @Post()
  @Created('/api/v1/complaints/:id')
  receive(@CommandCtx() ctx: CommandContext, @Caller() caller: Principal, @Body() body: ReceiveComplaintDto) {
    const { dealerId: requested, ...input } = body;
    const dealerId = caller.role === 'admin' ? requested : (requested ?? caller.dealerId);
    if (!dealerId) {
      throw DomainError.invalid('COMPLAINT.DEALER_REQUIRED', 'an admin must say which dealer the complaint belongs to', [
        { field: 'dealerId', message: 'dealerId is required for admin' },
      ]);
    }
    return this.commands.execute(new ReceiveComplaintCommand(ctx, dealerId, input));
  }
}
