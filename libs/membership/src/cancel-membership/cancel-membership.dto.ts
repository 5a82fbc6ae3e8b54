import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CancelMembershipDto {
  @ApiProperty({ example: 'the customer sold the car' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
