import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Benefit, BENEFITS } from '../domain/membership.config';
import { MemberStepDto } from '../member-step.dto';

export class UseBenefitDto extends MemberStepDto {
  @ApiProperty({ enum: BENEFITS, description: 'yearly allowance by tier (libs/membership/README.md)' }) @IsIn(BENEFITS) benefit!: Benefit;
}
