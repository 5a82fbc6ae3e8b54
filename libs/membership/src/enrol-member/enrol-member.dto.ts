import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class EnrolMemberDto {
  @ApiProperty({ example: '0193a1b2-…', description: 'a customer of your dealer; one membership per customer' })
  @IsString() @IsNotEmpty() @MaxLength(100) customerId!: string;
}

export class EnrolledMemberDoc {
  @ApiProperty({ description: 'the member id (derived from the customer id)' }) id!: string;
  @ApiProperty({ example: 'AC482019374651' }) cardNo!: string;
  @ApiProperty() revision!: number;
}
