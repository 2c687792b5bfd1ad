import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { maskPersonalData, regionPrefix, shanghaiDate, type Actor } from '@bangfu/domain';
import type { Clock } from '@bangfu/workflow';
import { AccessLog } from '../access/access-log.service';
import { Action } from '../access/action.decorator';
import { queryScope } from '@bangfu/application';
import { AllFlags } from '../flags/all-flags';
import { listFlags } from '../flags/flags.controller';
import { FlagsQueryDto } from '../flags/flags.dto';
import { FundTraceQueryDto } from '../funds/fund.dto';
import { GetFundTrace, type GetFundTraceHandler } from '../funds/fund.queries';
import { CLOCK } from '../infrastructure/tokens';
import { duePeriod } from '../tasks/tasks.controller';
import { RankingsQueryDto, TasksQueryDto } from '../tasks/task.dto';
import { GetRankings, ListTasks } from '../tasks/task.queries';
import { OverdueQueryDto } from '../visits/visit.dto';
import { ListOverdueVisits } from '../visits/visit.queries';
import {
  DISBURSEMENT_COLUMNS,
  FLAG_COLUMNS,
  OVERDUE_COLUMNS,
  RANKING_COLUMNS,
  TASK_COLUMNS,
  type Answer,
  type FlagLine,
  type OverdueLine,
  type RankingLine,
  type TaskLine,
} from './reports';
import { workbookOf, type Table } from './workbook';

type Request = FastifyRequest & { actor: Actor };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A fund's trace is read a page at a time; a workbook holds at most this many disbursements. */
const MAX_TRACE_ROWS = 100_000;

/**
 * The tables leaders and offices hand on, as .xlsx workbooks with Chinese headers. Each route answers the same
 * query as its JSON twin under the same access action (so the policy and jurisdiction apply unchanged), masks
 * personal data the same way, and records on the access log who took which rows out (TableExported).
 */
@ApiTags('exports')
@Controller('api/v1/exports')
export class ExportsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly flags: AllFlags,
    private readonly accessLog: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('tasks.xlsx')
  @Action('task.list')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '任务清单: the tasks `GET /tasks` lists, with the same filters' })
  async tasks(@Query() query: TasksQueryDto, @Req() request: Request, @Res({ passthrough: true }) reply: FastifyReply) {
    const filters = { unit: query.unit, lead: query.lead, status: query.status };
    const scope = queryScope(query.region, request.actor);
    const { asOf, tasks } = (await this.queryBus.execute(new ListTasks(scope, filters, query.limit ?? 1000, duePeriod(query)))) as {
      asOf: string;
      tasks: TaskLine[];
    };
    const notes = this.notes(request, asOf, query);
    return this.send(request, reply, 'tasks', { title: '任务清单', columns: TASK_COLUMNS, rows: tasks, notes }, query.region);
  }

  @Get('rankings.xlsx')
  @Action('task.rankings')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '红黑榜: the ranks `GET /rankings` answers, with the formula and every input' })
  async rankings(@Query() query: RankingsQueryDto, @Req() request: Request, @Res({ passthrough: true }) reply: FastifyReply) {
    const by = query.by ?? 'unit';
    const answer = (await this.queryBus.execute(new GetRankings(queryScope(query.region, request.actor), by, duePeriod(query)))) as {
      asOf: string;
      formula: string;
      rankings: RankingLine[];
    };
    const title = by === 'unit' ? '红黑榜（牵头单位）' : '红黑榜（牵头领导）';
    const notes = [...this.notes(request, answer.asOf, query), ['计分办法', answer.formula] as [string, string]];
    return this.send(request, reply, 'rankings', { title, columns: RANKING_COLUMNS, rows: answer.rankings, notes }, query.region);
  }

  @Get('regions/:code/overdue-visits.xlsx')
  @Action('visit.overdue')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '走访逾期清单: the months `GET /regions/{code}/overdue-visits` answers' })
  async overdueVisits(
    @Param('code') code: string,
    @Query() query: OverdueQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const open = (query.status ?? 'open') === 'open';
    const { overdue } = (await this.queryBus.execute(
      new ListOverdueVisits(regionPrefix(code), query.month, open, query.limit ?? 1000),
    )) as { overdue: OverdueLine[] };
    const notes = this.notes(request, this.clock.now().toISOString(), { ...query, code });
    return this.send(request, reply, 'overdue-visits', { title: '走访逾期清单', columns: OVERDUE_COLUMNS, rows: overdue, notes }, code);
  }

  @Get('flags.xlsx')
  @Action('flags.read')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '问题线索: the flags `GET /flags` lists, with the same filters' })
  async flagList(@Query() query: FlagsQueryDto, @Req() request: Request, @Res({ passthrough: true }) reply: FastifyReply) {
    const now = this.clock.now();
    const rows = listFlags(this.flags, { ...query, limit: query.limit ?? 1000 }, request.actor, now) as FlagLine[];
    const notes = this.notes(request, now.toISOString(), query);
    return this.send(request, reply, 'flags', { title: '问题线索', columns: FLAG_COLUMNS, rows, notes }, query.region);
  }

  @Get('funds/:fundId/trace.xlsx')
  @Action('fund.trace')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '资金去向: every disbursement of the fund, with the allocation and balance on the sheet 说明' })
  async fundTrace(
    @Param('fundId') fundId: string,
    @Query() _query: FundTraceQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const now = this.clock.now();
    type Trace = Answer<GetFundTraceHandler>;
    let page = (await this.queryBus.execute(new GetFundTrace(request.actor, fundId, now, null, 1000))) as Trace;
    const rows = [...page.disbursements];
    while (page.next && rows.length < MAX_TRACE_ROWS) {
      page = (await this.queryBus.execute(new GetFundTrace(request.actor, fundId, now, page.next, 1000))) as Trace;
      rows.push(...page.disbursements);
    }
    const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;
    const notes: [string, string][] = [
      ...this.notes(request, now.toISOString(), { fundId }),
      ['资金来源', page.source],
      ['用途', page.purpose],
      ['文号', page.documentNumber],
      ['下达区划', page.regionCode],
      ['下达金额', yuan(page.allocatedFen)],
      ['已拨付', yuan(page.disbursedFen)],
      ['结余', yuan(page.balanceFen)],
    ];
    return this.send(request, reply, 'fund-trace', { title: '资金去向', columns: DISBURSEMENT_COLUMNS, rows, notes }, page.regionCode);
  }

  private notes(request: Request, asOf: string, query: object): [string, string][] {
    const filters = Object.entries(query)
      .filter(([key, value]) => value !== undefined && key !== 'minPosition')
      .map(([key, value]) => `${key}=${String(value)}`);
    return [
      ['导出时间', asOf],
      ['导出人', `${request.actor.name ?? request.actor.id}（${request.actor.id}）`],
      ['筛选条件', filters.join('；') || '无'],
    ];
  }

  /** Masks personal data, builds the workbook, records the export, and answers it as an attachment. */
  private async send<Row>(request: Request, reply: FastifyReply, report: string, table: Table<Row>, region?: string) {
    const { masked } = maskPersonalData(table.rows);
    const body = await workbookOf({ ...table, rows: masked });
    const query = Object.fromEntries(Object.entries((request.query ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    await this.accessLog.record(
      request.actor,
      {
        type: 'TableExported',
        data: {
          action: `export.${report}`,
          method: request.method,
          path: request.url.split('?')[0],
          report,
          rows: table.rows.length,
          query,
        },
      },
      region,
    );
    const name = `${table.title}-${shanghaiDate(this.clock.now())}.xlsx`;
    reply.header('content-type', XLSX);
    reply.header('content-disposition', `attachment; filename="${report}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return body;
  }
}
