import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Doc } from '@aftercare/read-store';

/** Logical collection of the dealers projection. */
export const DEALERS = 'dealers';

export interface DealerDoc extends Doc {
  dealerId: string;
  name: string;
  region: string;
  registeredAt: string;
  revision: number;
}

/** A dealer as API clients read it (GET /dealers/{dealerId} and list items). */
export class DealerView {
  @ApiProperty({ example: 'D1' }) id!: string;
  @ApiProperty({ example: 'D1' }) dealerId!: string;
  @ApiProperty({ example: 'Shanghai Pudong 4S' }) name!: string;
  @ApiProperty({ example: 'east' }) region!: string;
  @ApiProperty({ example: '2026-01-05T09:00:00.000Z' }) registeredAt!: string;
  @ApiProperty({ example: 0, description: 'also sent as the ETag' }) revision!: number;
}

export class DealerPageView {
  @ApiProperty({ type: [DealerView] }) items!: DealerView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'pass as ?cursor= for the next page; null on the last' }) nextCursor!: string | null;
}

export class ResourceRevisionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'revision of the stream after the command (the ETag)' }) revision!: number;
}

export function toDealerView(doc: DealerDoc): DealerView {
  return { id: doc.dealerId, dealerId: doc.dealerId, name: doc.name, region: doc.region, registeredAt: doc.registeredAt, revision: doc.revision };
}
