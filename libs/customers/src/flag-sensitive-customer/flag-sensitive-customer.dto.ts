import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { SENSITIVE_KINDS, SensitiveKind } from '../domain/customer.events';

export class FlagSensitiveCustomerDto {
  @ApiProperty({ enum: SENSITIVE_KINDS }) @IsIn(SENSITIVE_KINDS) kind!: SensitiveKind;
  @ApiProperty({ example: 'works for a local newspaper' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}
