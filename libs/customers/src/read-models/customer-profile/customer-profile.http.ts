import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { Caller, PageQueryDto, Principal } from '@aftercare/platform';
import { CustomerProfileQuery } from './customer-profile.query';

export class CustomerAsOfDto {
  @ApiPropertyOptional({ description: 'the customer as of this instant (ISO 8601); default now' })
  @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

export class CustomerListDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'name, phone (or its last 4 digits), VIN (or its last 6), plate or company' })
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: ['loyal', 'churned', 'vip'] }) @IsOptional() @IsIn(['loyal', 'churned', 'vip']) segment?: string;
}

@ApiTags('customers')
@Controller('customers')
export class CustomerProfileController {
  constructor(private readonly customers: CustomerProfileQuery) {}

  @Get(':id')
  async get(@Caller() caller: Principal, @Param('id') id: string, @Query() query: CustomerAsOfDto) {
    return this.customers.get(caller, id, query.asOf ? new Date(query.asOf).toISOString() : undefined);
  }

  @Get()
  async list(@Caller() caller: Principal, @Query() query: CustomerListDto) {
    return this.customers.list(caller, { q: query.q, segment: query.segment, limit: query.limit ?? 50, cursor: query.cursor });
  }
}

@ApiTags('customers')
@Controller('vehicles')
export class VehicleController {
  constructor(private readonly customers: CustomerProfileQuery) {}

  /** Not in API.md's table: where a vehicle's `Location` points. ETag: the vehicle stream's revision. */
  @Get(':vin')
  async get(@Caller() caller: Principal, @Param('vin') vin: string) {
    return this.customers.vehicle(caller, vin.trim().toUpperCase());
  }

  @Get(':vin/visits/:visitId')
  async visit(@Caller() caller: Principal, @Param('vin') vin: string, @Param('visitId') visitId: string) {
    return this.customers.visit(caller, vin.trim().toUpperCase(), visitId);
  }
}

@ApiTags('customers')
@Controller('appointments')
export class AppointmentController {
  constructor(private readonly customers: CustomerProfileQuery) {}

  /** Where a booked appointment's `Location` points. */
  @Get(':id')
  async get(@Caller() caller: Principal, @Param('id') id: string) {
    return this.customers.appointment(caller, id);
  }
}
