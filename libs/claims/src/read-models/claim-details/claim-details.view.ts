import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ClaimDetailsDoc } from './claim-details.document';

/** API.md claim read shape (and more): a claim with every step — who, role, when, comment, what version they saw. */
export type ClaimView = Omit<ClaimDetailsDoc, '_id' | 'progress'>;

export function toClaimView(doc: ClaimDetailsDoc): ClaimView {
  const { _id, progress, ...view } = doc;
  void _id;
  void progress;
  return view;
}

/** For OpenAPI: the fields every client may rely on. */
export class ClaimStepViewDoc {
  @ApiProperty({ example: 'regional_sign_off' }) step!: string;
  @ApiProperty({ enum: ['submitted', 'approve', 'reject', 'done'] }) decision!: string;
  @ApiProperty({ example: 'rsm-zhang' }) actorId!: string;
  @ApiProperty({ example: 'regional_service_manager' }) role!: string;
  @ApiProperty({ example: '2026-03-10T09:00:00.000Z' }) at!: string;
  @ApiPropertyOptional({ nullable: true }) comment!: string | null;
  @ApiProperty({ description: 'the application round the step was taken on' }) claimRevision!: number;
  @ApiProperty({ example: 'sha256:…', description: 'SHA-256 of the canonical claim content the step saw' }) contentHash!: string;
  @ApiProperty({ description: 'the stream revision the step was decided on' }) seenRevision!: number;
  @ApiPropertyOptional({ nullable: true }) rule!: string | null;
  @ApiPropertyOptional({ description: 'true when recorded with another step, by its actor, in the same append (archive at settlement; result notification with the archive)' }) implicit?: boolean;
}

export class ClaimViewDoc {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['goodwill_compensation', 'goodwill_warranty'] }) type!: string;
  @ApiProperty({ example: 'in_approval' }) status!: string;
  @ApiPropertyOptional({ nullable: true }) amount!: number | null;
  @ApiPropertyOptional({ nullable: true }) currency!: string | null;
  @ApiProperty() dealerId!: string;
  @ApiProperty() region!: string;
  @ApiPropertyOptional({ nullable: true }) complaintId!: string | null;
  @ApiProperty() customerId!: string;
  @ApiPropertyOptional({ nullable: true }) vin!: string | null;
  @ApiProperty({ type: [ClaimStepViewDoc] }) steps!: ClaimStepViewDoc[];
  @ApiProperty({ description: 'earlier rounds, each with its steps', isArray: true }) rounds!: object[];
  @ApiProperty() claimRevision!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ description: 'stream revision (ETag)' }) revision!: number;
}
