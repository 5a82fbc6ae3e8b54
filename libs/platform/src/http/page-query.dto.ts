import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Collection, Doc, Filter, Page, SortSpec } from '@aftercare/read-store';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * API.md "Lists": `?limit=` (default 50, max 500; out of range → 400) and
 * `?cursor=`. Extend it for a list's own filters:
 *   class ListDealersQuery extends PageQueryDto { @IsOptional() @IsString() region?: string }
 */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;
}

/** `{ items, nextCursor }` from a read-model collection, mapping each document to its API shape. */
export async function pageOf<T extends Doc, R>(
  collection: Pick<Collection<T>, 'findPage'>,
  filter: Filter,
  query: PageQueryDto,
  options: { sort?: SortSpec; map: (doc: T) => R },
): Promise<Page<R>> {
  const page = await collection.findPage(filter, { sort: options.sort, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor ?? null });
  return { items: page.items.map(options.map), nextCursor: page.nextCursor };
}
