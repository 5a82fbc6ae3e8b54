import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Channel, CHANNELS, Severity, SEVERITIES, Subject, SUBJECTS } from '../domain/complaint.events';
import { ComplaintStepDto } from '../complaint-step.dto';

export class ReceiveComplaintDto extends ComplaintStepDto {
  @ApiProperty({ example: '0193a1b2-…' }) @IsString() @IsNotEmpty() @MaxLength(100) customerId!: string;
  @ApiPropertyOptional({ example: 'LSVAU2180N2183294', description: 'the vehicle concerned; must be registered to the customer' })
  @IsOptional() @IsString() @Matches(/^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$/, { message: 'vin must be 17 characters without I, O or Q' }) vin?: string;
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ enum: SUBJECTS }) @IsIn(SUBJECTS) subject!: Subject;
  @ApiProperty({ example: 'After the maintenance the A/C makes noise; the blower was quoted at 200 yuan, now 1,000.', description: "the customer's own words" })
  @IsString() @IsNotEmpty() @MaxLength(5000) description!: string;
  @ApiProperty({ example: 'Charge the quoted price' }) @IsString() @IsNotEmpty() @MaxLength(2000) expectedResolution!: string;
  @ApiProperty({ enum: SEVERITIES, description: 'major notifies the dealer general manager at once (R-CP-4)' }) @IsIn(SEVERITIES) severity!: Severity;
  @ApiPropertyOptional({ description: 'the callback that found the complaint' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) callbackId?: string;
  @ApiPropertyOptional({ description: "admin only; other roles file for their token's dealer" }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) dealerId?: string;
}
