import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { BREAKDOWN_KINDS, BreakdownKind, MATERIAL_KINDS, MaterialKind } from './domain/claim.events';

/** The largest amount a claim takes: a bound, so a typo of three zeros too many is a 400. */
export const MAX_CLAIM_AMOUNT = 100_000_000;

/** A money field: a positive number with at most two decimals (the domain checks the sums in cents). */
export function moneyProperty(example: number, description?: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ example, description, minimum: 0.01, maximum: MAX_CLAIM_AMOUNT })(target, key);
    IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })(target, key);
    Min(0.01)(target, key);
    Max(MAX_CLAIM_AMOUNT)(target, key);
  };
}

/** One line of a goodwill compensation breakdown: direct costs only (`consequential` is refused with CLAIM.CONSEQUENTIAL_COSTS). */
export class BreakdownLineDto {
  @ApiProperty({ enum: BREAKDOWN_KINDS, example: 'customer_loss' }) @IsIn(BREAKDOWN_KINDS) kind!: BreakdownKind;
  @ApiProperty({ example: 'towing and a rental car while the car stood' }) @IsString() @IsNotEmpty() @MaxLength(1000) description!: string;
  @moneyProperty(2000) amount!: number;
}

export class MaterialDocumentDto {
  @ApiProperty({ enum: MATERIAL_KINDS, example: 'invoice' }) @IsIn(MATERIAL_KINDS) kind!: MaterialKind;
  @ApiProperty({ example: 'DMS-INV-2026-0042', description: 'where the document is kept (document system id, file reference)' })
  @IsString() @IsNotEmpty() @MaxLength(500) ref!: string;
}
