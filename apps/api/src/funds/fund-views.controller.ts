import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { regionPrefix } from '@bangfu/domain';
import { Action } from '../access/action.decorator';
import { HouseholdIdPipe } from '../http/household-id.pipe';
import { ViewQueryDto } from '../http/view-query.dto';
import { GetHouseholdBenefits, GetRegionFunds } from './fund-views.queries';

@ApiTags('funds')
@Controller('api/v1')
export class FundViewsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('regions/:code/funds')
  @Action('fund.region')
  @ApiOkResponse({ description: 'the division’s funds by source and purpose, with the production shares' })
  regionFunds(@Param('code') code: string, @Query() _query: ViewQueryDto) {
    return this.queryBus.execute(new GetRegionFunds(regionPrefix(code)));
  }

  @Get('households/:id/benefits')
  @Action('household.benefits')
  @ApiOkResponse({ description: 'every disbursement the household received' })
  benefits(@Param('id', HouseholdIdPipe) householdId: string, @Query() _query: ViewQueryDto) {
    return this.queryBus.execute(new GetHouseholdBenefits(householdId));
  }
}
