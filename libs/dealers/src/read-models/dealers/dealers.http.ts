import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Caller, PageQueryDto, Principal } from '@aftercare/platform';
import { DealersQuery } from './dealers.query';
import { DealerPageView, DealerView } from './dealer.view';

export class ListDealersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'east', description: 'only dealers of this region (OEM roles: their own region only)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  region?: string;
}

@ApiTags('dealers')
@Controller('dealers')
export class DealersController {
  constructor(private readonly dealers: DealersQuery) {}

  @Get()
  @ApiOkResponse({ type: DealerPageView })
  list(@Caller() caller: Principal, @Query() query: ListDealersQueryDto) {
    return this.dealers.list(caller, query);
  }

  @Get(':dealerId')
  @ApiOkResponse({ type: DealerView, description: 'with ETag: "<revision>"' })
  get(@Caller() caller: Principal, @Param('dealerId') dealerId: string) {
    return this.dealers.get(caller, dealerId);
  }
}
