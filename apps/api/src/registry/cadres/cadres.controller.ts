import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@bangfu/domain';
import type { Clock } from '@bangfu/workflow';
import { Action } from '../../access/action.decorator';
import { ResponsibilityQueryDto } from '../../assignment/assignment.dto';
import { GetCadreHouseholds } from '../../assignment/responsibility.queries';
import { CommandContext } from '../../http/command-context';
import { CommandResponseDto } from '../../http/command-response.dto';
import { Dispatch, utc } from '../../http/dispatch';
import { ViewQueryDto } from '../../http/view-query.dto';
import { CLOCK } from '../../infrastructure/tokens';
import { CadresQueryDto, RecallCadreDto, RegisterCadreDto, RegisterUnitDto } from './cadre.dto';
import { RecordPeriodQueryDto, recordPeriod } from '../duty-record/record-period';
import { GetCadreRecord } from './cadre-record.query';
import { GetCadre, GetCadreActivity, ListCadres } from './cadre.queries';

type Request = FastifyRequest & { actor: Actor };

@ApiTags('registry')
@Controller('api/v1')
export class CadresController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('units')
  @Action('unit.register')
  @ApiCreatedResponse({ type: CommandResponseDto })
  registerUnit(@Body() body: RegisterUnitDto, @Req() request: Request) {
    const data = { ...body };
    return this.dispatch.send({ type: 'RegisterUnit', data }, this.context.metadataFor(request));
  }

  @Post('cadres')
  @Action('cadre.register')
  @ApiCreatedResponse({ type: CommandResponseDto })
  register(@Body() body: RegisterCadreDto, @Req() request: Request) {
    const data = { ...body };
    return this.dispatch.send({ type: 'RegisterCadre', data }, this.context.metadataFor(request));
  }

  @Post('cadres/:cadreId/recall')
  @Action('cadre.recall')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '409 RECALL_WITHOUT_HANDOVER unless every household held is handed over' })
  recall(@Param('cadreId') cadreId: string, @Body() body: RecallCadreDto, @Req() request: Request) {
    const { metadata, at } = this.context.metadataAt(request, body.recalledAt);
    const data = {
      cadreId,
      reason: body.reason,
      recalledAt: at,
      handovers: body.handovers.map(({ householdId, successorId }) => ({ householdId, successorId })),
    };
    return this.dispatch.send({ type: 'RecallCadre', data }, metadata);
  }

  @Get('cadres')
  @Action('cadre.list')
  @ApiOkResponse({ description: 'cadres of a division or a unit (phones masked), paged by cadre id with `next`' })
  list(@Query() query: CadresQueryDto, @Req() request: Request) {
    const filters = { region: query.region, unit: query.unit, active: (query.status ?? 'active') === 'active' };
    return this.queryBus.execute(new ListCadres(request.actor, filters, query.limit ?? 100, query.after));
  }

  @Get('cadres/:cadreId')
  @Action('cadre.read')
  @ApiOkResponse({ description: 'the cadre (phone masked)' })
  get(@Param('cadreId') cadreId: string, @Query() _query: ViewQueryDto, @Req() request: Request) {
    return this.queryBus.execute(new GetCadre(request.actor, cadreId));
  }

  @Get('cadres/:cadreId/households')
  @Action('cadre.households')
  @ApiOkResponse({
    description:
      'households the cadre held at `at` (now by default), as known at `knownAt`, each with the month’s visits by the cadre, ' +
      'open overdue months, a 对接 deadline still running (`connectBy`) and `status`: done, due or overdue',
  })
  households(@Param('cadreId') cadreId: string, @Query() query: ResponsibilityQueryDto, @Req() request: Request) {
    const now = this.clock.now();
    return this.queryBus.execute(new GetCadreHouseholds(request.actor, cadreId, utc(query.at, now), utc(query.knownAt, now)));
  }

  @Get('cadres/:cadreId/activity')
  @Action('cadre.activity')
  @ApiOkResponse({ description: 'households held, visits per month, this month’s coverage, backfill lag, retractions' })
  activity(@Param('cadreId') cadreId: string, @Query() _query: ViewQueryDto, @Req() request: Request) {
    return this.queryBus.execute(new GetCadreActivity(request.actor, cadreId, this.clock.now()));
  }

  @Get('cadres/:cadreId/record')
  @Action('cadre.record')
  @ApiOkResponse({
    description:
      '责任回溯: for a period, the households held, the visits made, the overdue months and 对接 missed, and the exit steps acted ' +
      'on — as the record stood at `knownAt`; only work in your jurisdiction',
  })
  record(@Param('cadreId') cadreId: string, @Query() query: RecordPeriodQueryDto, @Req() request: Request) {
    const { from, to, knownAt } = recordPeriod(query, this.clock.now());
    return this.queryBus.execute(new GetCadreRecord(request.actor, cadreId, from, to, knownAt));
  }
}
