import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { RESPONSIBLE_PARTIES, ResponsibleParty, ROOT_CAUSES, RootCause } from '../domain/complaint.events';
import { ComplaintStepDto } from '../complaint-step.dto';

export class InvestigateComplaintDto extends ComplaintStepDto {
  @ApiProperty({ enum: ROOT_CAUSES }) @IsIn(ROOT_CAUSES) rootCause!: RootCause;
  @ApiProperty({ enum: RESPONSIBLE_PARTIES }) @IsIn(RESPONSIBLE_PARTIES) responsibleParty!: ResponsibleParty;
  @ApiProperty({ example: 'Incomplete first diagnosis, no final check, the wrong part was quoted.' }) @IsString() @IsNotEmpty() @MaxLength(5000) findings!: string;
}
