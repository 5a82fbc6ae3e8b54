import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Caller, DEFAULT_PAGE_SIZE, PageQueryDto, Principal } from '@aftercare/platform';
import { MemberDetailsQuery } from './member-details.query';
import { MemberViewDoc } from './member-details.view';

export class ListMembersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "a customer's membership" }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) customerId?: string;
}

@ApiTags('membership')
@Controller('members')
export class MemberDetailsController {
  constructor(private readonly members: MemberDetailsQuery) {}

  /** Tier (and why), points, lots, benefits used, activities, interests and the whole history. */
  @Get(':id')
  @ApiOkResponse({ type: MemberViewDoc })
  get(@Caller() caller: Principal, @Param('id') id: string) {
    return this.members.get(caller, id);
  }

  /** Memberships the caller may see; `customerId` finds a customer's. */
  @Get()
  list(@Caller() caller: Principal, @Query() query: ListMembersQueryDto) {
    return this.members.list(caller, { customerId: query.customerId, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
  }
}
