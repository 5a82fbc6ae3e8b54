import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DECISIONS, Decision } from './sign-off-claim.command';

export class SignOffClaimDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision!: Decision;
  @ApiPropertyOptional({ example: 'the rental car is a consequential cost', description: 'required to reject: the reason' })
  @IsOptional() @IsString() @MaxLength(2000) comment?: string;
  @ApiPropertyOptional({ example: 'sha256:…', description: 'the contentHash you read; refused with CLAIM.CONTENT_CHANGED if the claim changed since' })
  @IsOptional() @IsString() @Matches(/^sha256:[0-9a-f]{64}$/, { message: 'contentHash must be sha256:<64 hex digits>' }) contentHash?: string;
}
