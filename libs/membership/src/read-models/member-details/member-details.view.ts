import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIERS } from '../../domain/membership.config';
import type { MemberDetailsDoc } from './member-details.document';

/** API.md member read shape (`id, customerId, cardNo, tier, points, history[]`) and more. */
export type MemberView = Omit<MemberDetailsDoc, '_id'>;

export function toMemberView(doc: MemberDetailsDoc): MemberView {
  const { _id, ...view } = doc;
  void _id;
  return view;
}

export class MemberHistoryEntryDoc {
  @ApiProperty({ example: 'PointsEarned' }) type!: string;
  @ApiProperty({ description: 'business time' }) at!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ example: 'system' }) actorId!: string;
  @ApiProperty({ example: 'system' }) role!: string;
  @ApiProperty() revision!: number;
  @ApiPropertyOptional({ nullable: true, description: 'signed change of the balance' }) points!: number | null;
  @ApiProperty({ description: 'balance after the event' }) balance!: number;
  @ApiProperty({ description: 'what the event says: reason of a tier change, reward, benefit, …' }) details!: object;
}

/** For OpenAPI: the fields every client may rely on. */
export class MemberViewDoc {
  @ApiProperty() id!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty() dealerId!: string;
  @ApiProperty({ example: 'AC482019374651' }) cardNo!: string;
  @ApiProperty({ enum: ['active', 'cancelled'] }) status!: string;
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiProperty({ description: 'R-MB-1: why this tier' }) tierReason!: string;
  @ApiProperty({ description: 'the balance (R-MB-2: never below zero)' }) points!: number;
  @ApiPropertyOptional({ nullable: true, description: 'earliest expiry of points left' }) nextExpiryAt!: string | null;
  @ApiProperty({ type: [MemberHistoryEntryDoc] }) history!: MemberHistoryEntryDoc[];
  @ApiProperty({ description: 'stream revision (ETag)' }) revision!: number;
}
