import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { nextMonth, regionPrefix, shanghaiMonth, type Actor } from '@bangfu/domain';
import { nameBasedUuid } from '@bangfu/eventstore';
import type { Clock } from '@bangfu/workflow';
import { randomUUID } from 'node:crypto';
import { Action } from '../access/action.decorator';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch } from '../http/dispatch';
import { HouseholdIdPipe } from '../http/household-id.pipe';
import { ProblemException } from '../http/problem';
import { CLOCK } from '../infrastructure/tokens';
import { CoverageQueryDto, OverdueQueryDto, RecordVisitDto, RetractVisitDto, TimelineQueryDto } from './visit.dto';
import { GetTimeline, GetVisitCoverage, ListOverdueVisits } from './visit.queries';

type Request = FastifyRequest & { actor: Actor };

class VisitRecordedDto extends CommandResponseDto {
  @ApiProperty({ description: 'the visit’s id, for its retraction' }) visitId!: string;
}

@ApiTags('visits')
@Controller('api/v1')
export class VisitsController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('households/:id/visits')
  @Action('visit.record')
  @ApiCreatedResponse({ type: VisitRecordedDto })
  async record(
    @Param('id', HouseholdIdPipe) householdId: string,
    @Body() body: RecordVisitDto,
    @Req() request: Request,
  ): Promise<VisitRecordedDto> {
    const { metadata, at: occurredAt } = this.context.metadataAt(request, body.occurredAt);
    // Derived from the idempotency key, so a resend names the same visit.
    const visitId = metadata.idempotencyKey ? nameBasedUuid(`${metadata.idempotencyKey}#visit`) : randomUUID();
    const data = {
      visitId,
      householdId,
      cadreId: body.cadreId,
      kind: body.kind,
      occurredAt,
      findings: body.findings,
      measures: body.measures ?? [],
      notes: body.notes ?? '',
      ...(body.location ? { location: { latitude: body.location.latitude, longitude: body.location.longitude } } : {}),
    };
    const response = await this.dispatch.send({ type: 'RecordVisit', data }, metadata);
    return { ...response, visitId };
  }

  @Post('households/:id/visits/:visitId/retraction')
  @Action('visit.retract')
  @ApiCreatedResponse({ type: CommandResponseDto })
  retract(
    @Param('id', HouseholdIdPipe) householdId: string,
    @Param('visitId') visitId: string,
    @Body() body: RetractVisitDto,
    @Req() request: Request,
  ) {
    const command = { type: 'RetractVisit' as const, data: { householdId, visitId, reason: body.reason } };
    return this.dispatch.send(command, this.context.metadataFor(request));
  }

  @Get('households/:id/timeline')
  @Action('household.timeline')
  @ApiOkResponse({
    description:
      'every event about the household with actor, occurredAt and recordedAt, in log order; `migrated` marks an event whose ' +
      'business time lies before the village’s go-live (`judgedFrom`): history brought in, kept and shown, judged by no rule',
  })
  timeline(@Param('id', HouseholdIdPipe) householdId: string, @Query() query: TimelineQueryDto) {
    return this.queryBus.execute(new GetTimeline(householdId, query.after ?? 0, query.limit ?? 100));
  }

  @Get('regions/:code/visit-coverage')
  @Action('visit.coverage')
  @ApiOkResponse({
    description:
      'households visited by their responsible cadre in the month, by village; with `from` and `to`, every month of ' +
      'the range (`months[]`, each as one month answers): 422 MONTH_RANGE_INVALID for a range backwards, over 24 months, ' +
      'half given, or mixed with `month`',
  })
  async coverage(@Param('code') code: string, @Query() query: CoverageQueryDto) {
    if (query.from === undefined && query.to === undefined) {
      return this.queryBus.execute(new GetVisitCoverage(regionPrefix(code), query.month ?? shanghaiMonth(this.clock.now())));
    }
    const months = monthRange(query);
    const answers = [];
    for (const month of months) answers.push(await this.queryBus.execute(new GetVisitCoverage(regionPrefix(code), month)));
    return { from: query.from, to: query.to, months: answers };
  }

  @Get('regions/:code/overdue-visits')
  @Action('visit.overdue')
  @ApiOkResponse({ description: 'overdue months with reminder, escalation and catch-up' })
  overdue(@Param('code') code: string, @Query() query: OverdueQueryDto) {
    return this.queryBus.execute(
      new ListOverdueVisits(regionPrefix(code), query.month, (query.status ?? 'open') === 'open', query.limit ?? 100),
    );
  }
}

const MAX_MONTHS = 24;

/** The months from..to, inclusive, or a 422 naming what is wrong with the range. */
function monthRange({ month, from, to }: CoverageQueryDto): string[] {
  const refuse = (field: string, message: string) =>
    new ProblemException(422, 'VALIDATION_FAILED', 'the month range is invalid', [{ field, message, code: 'MONTH_RANGE_INVALID' }]);
  if (month !== undefined) throw refuse('month', 'send month, or from and to, not both');
  if (from === undefined || to === undefined) throw refuse(from === undefined ? 'from' : 'to', 'a range needs both from and to');
  if (from > to) throw refuse('to', `to (${to}) is before from (${from})`);
  const months = [from];
  while ((months.at(-1) as string) < to) {
    months.push(nextMonth(months.at(-1) as string));
    if (months.length > MAX_MONTHS) throw refuse('to', `a range holds at most ${MAX_MONTHS} months`);
  }
  return months;
}
