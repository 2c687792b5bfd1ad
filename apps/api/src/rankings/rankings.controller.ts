import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { shanghaiMonth, type Actor } from '@bangfu/domain';
import type { Clock } from '@bangfu/workflow';
import { queryScope } from '@bangfu/application';
import { Action } from '../access/action.decorator';
import { invalidField } from '../http/problem';
import { CLOCK } from '../infrastructure/tokens';
import { PeopleRankingsQueryDto } from './rankings.dto';
import { GetCadreRankings, GetVillageRankings } from './rankings.queries';

type Request = FastifyRequest & { actor: Actor };

/** 红黑榜 of cadres and of villages (DOMAIN rule 14), beside the lead-unit ranking of the task board. */
@ApiTags('tasks')
@Controller('api/v1/rankings')
export class RankingsController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('cadres')
  @Action('rankings.cadres')
  @ApiOkResponse({
    description:
      'cadres ranked on visit coverage, 补录 rate, 对接 on time, measures delivered on time and findings, with the formula and inputs',
  })
  cadres(@Query() query: PeopleRankingsQueryDto, @Req() request: Request) {
    return this.queryBus.execute(new GetCadreRankings(queryScope(query.region, request.actor), this.months(query)));
  }

  @Get('villages')
  @Action('rankings.villages')
  @ApiOkResponse({ description: 'villages ranked on visit coverage, open findings and overdue measures, with their figures' })
  villages(@Query() query: PeopleRankingsQueryDto, @Req() request: Request) {
    return this.queryBus.execute(new GetVillageRankings(queryScope(query.region, request.actor), this.months(query)));
  }

  /** The months ranked: the twelve up to the current one unless the request names them. */
  private months({ from, to }: PeopleRankingsQueryDto) {
    const now = this.clock.now();
    const last = to ?? shanghaiMonth(now);
    const [year, month] = last.split('-').map(Number);
    const first = from ?? `${month === 12 ? year : year - 1}-${String((month % 12) + 1).padStart(2, '0')}`;
    if (first > last) throw invalidField('from', 'from must not be after to');
    return { from: first, to: last };
  }
}
