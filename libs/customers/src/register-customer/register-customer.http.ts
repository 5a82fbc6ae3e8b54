import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError } from '@aftercare/kernel';
import { Caller, CommandContext, CommandCtx, Created, Principal } from '@aftercare/platform';
import { RegisterCustomerDto } from './register-customer.dto';
import { RegisterCustomerCommand } from './register-customer.handler';

@ApiTags('customers')
@Controller('customers')
export class RegisterCustomerController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Created('/api/v1/customers/:id')
  async register(@CommandCtx() ctx: CommandContext, @Caller() caller: Principal, @Body() body: RegisterCustomerDto) {
    const { dealerId: requested, ...details } = body;
    const dealerId = caller.role === 'admin' ? requested : requested ?? caller.dealerId;
    if (!dealerId) {
      throw DomainError.invalid('CUSTOMER.DEALER_REQUIRED', 'an admin must say which dealer the customer belongs to', [
        { field: 'dealerId', message: 'dealerId is required for admin' },
      ]);
    }
    return this.commands.execute(new RegisterCustomerCommand(ctx, dealerId, details));
  }
}
