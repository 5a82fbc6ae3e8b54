import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { FEEDBACK_KINDS, FeedbackKind } from '../domain/callback.events';
import { CSI_MAX_SCORE, CSI_MIN_SCORE } from '../domain/csi';

const csiScore = () => (target: object, key: string) => {
  ApiPropertyOptional({ minimum: CSI_MIN_SCORE, maximum: CSI_MAX_SCORE, example: 9 })(target, key);
  IsOptional()(target, key);
  IsInt()(target, key);
  Min(CSI_MIN_SCORE)(target, key);
  Max(CSI_MAX_SCORE)(target, key);
};

/** DOMAIN.md "Satisfaction index": the 7 CSI factors, each scored 1–10. */
export class CsiScoresDto {
  @csiScore() customer_friendliness?: number;
  @csiScore() service_initiative?: number;
  @csiScore() service_supervision?: number;
  @csiScore() repair_process_experience?: number;
  @csiScore() product_problems?: number;
  @csiScore() service_quality?: number;
  @csiScore() vehicle_pickup?: number;
}

const SUBJECTS = ['sales', 'service_reception', 'repair_quality', 'parts', 'price', 'staff_attitude', 'waiting_time', 'product_quality'] as const;

/** For feedback `complaint`: what the complaint opened from this call says (defaults from the callback type). */
export class CallbackComplaintDto {
  @ApiPropertyOptional({ enum: SUBJECTS }) @IsOptional() @IsIn(SUBJECTS) subject?: string;
  @ApiPropertyOptional({ example: 'a refund of the second repair' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000) expectedResolution?: string;
  @ApiPropertyOptional({ enum: ['normal', 'major'] }) @IsOptional() @IsIn(['normal', 'major']) severity?: 'normal' | 'major';
}

export class RecordCallbackAttemptDto {
  @ApiProperty({ description: 'whether the customer was reached' }) @IsBoolean() reached!: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'only when reached' }) @IsOptional() @IsInt() @Min(1) @Max(5) satisfaction?: number;
  @ApiPropertyOptional({ enum: FEEDBACK_KINDS, description: 'complaint opens a complaint linked to this callback' })
  @IsOptional() @IsIn(FEEDBACK_KINDS) feedback?: FeedbackKind;
  @ApiPropertyOptional({ example: 'the A/C is quiet now; thanked advisor Li' }) @IsOptional() @IsString() @MaxLength(5000) notes?: string;
  @ApiPropertyOptional({ type: CsiScoresDto }) @IsOptional() @ValidateNested() @Type(() => CsiScoresDto) csi?: CsiScoresDto;
  @ApiPropertyOptional({ type: CallbackComplaintDto }) @IsOptional() @ValidateNested() @Type(() => CallbackComplaintDto) complaint?: CallbackComplaintDto;
  @ApiPropertyOptional({ description: 'when the call was made (business time); default now; never in the future' })
  @IsOptional() @IsISO8601({ strict: true }) occurredAt?: string;
}
