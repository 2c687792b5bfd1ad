import { Body, Controller, Get, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Length, Matches } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { villageStreamId, type Actor, type VillageEvent, type WorkTeamReport } from '@bangfu/domain';
import { EVENT_STORE, nameBasedUuid, type EventStore } from '@bangfu/eventstore';
import { randomUUID } from 'node:crypto';
import { Action } from '../access/action.decorator';
import { AbsentOrValid } from '../http/common-validators';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch } from '../http/dispatch';

type Request = FastifyRequest & { actor: Actor };

/** A month as the team's duty stands: its report filed (on time or late), missed, or still due; escalated when it was. */
interface MonthReport {
  month: string;
  status: 'due' | 'filed' | 'late' | 'missed';
  dueAt: string | null;
  escalatedTo: string | null;
  report: Omit<WorkTeamReport, 'month' | 'villageCode'> | null;
  eventId: string | null;
}

export class WorkTeamReportDto {
  @ApiProperty({ example: '2026-03', description: 'the Shanghai month reported on' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '$property must be a month, YYYY-MM' })
  month!: string;
  @ApiProperty({ example: '本月走访全村贫困户29户，落实产业到户资金', description: '工作开展情况' })
  @IsString()
  @Length(1, 4000)
  summary!: string;
  @ApiPropertyOptional({ type: [String], example: ['3户饮水不稳定'], description: '存在问题' })
  @AbsentOrValid()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  problems?: string[];
  @ApiPropertyOptional({ type: [String], example: ['协调水利部门打井'], description: '下步打算' })
  @AbsentOrValid()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  nextSteps?: string[];
}

/** 驻村定期报告: the work team's monthly report, owed by a deadline of the visit policy, missed ones flagged and escalated. */
@ApiTags('assignment')
@Controller('api/v1/villages/:code/work-team-reports')
export class WorkTeamReportsController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly context: CommandContext,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @Action('village.team-report')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '403 NOT_ON_WORK_TEAM; 409 WORK_TEAM_REPORT_ALREADY_FILED' })
  file(@Param('code') villageCode: string, @Body() body: WorkTeamReportDto, @Req() request: Request) {
    const metadata = this.context.metadataFor(request);
    // Derived from the idempotency key, so a resend names the same report.
    const reportId = metadata.idempotencyKey ? nameBasedUuid(`${metadata.idempotencyKey}#report`) : randomUUID();
    const data = {
      villageCode,
      month: body.month,
      reportId,
      summary: body.summary,
      problems: body.problems ?? [],
      nextSteps: body.nextSteps ?? [],
    };
    return this.dispatch.send({ type: 'FileWorkTeamReport', data }, metadata);
  }

  @Get()
  @Action('village.team-reports')
  @ApiOkResponse({ description: 'month by month: the report filed (on time or late) with its content, or missed and escalated' })
  async list(@Param('code') villageCode: string) {
    // One village's stream holds its reports and their deadlines: read whole, exact whatever the views' lag.
    const events = (await this.store.readStream(villageStreamId(villageCode))) as unknown as (VillageEvent & { id: string })[];
    const months = new Map<string, MonthReport>();
    const at = (month: string): MonthReport => {
      const known = months.get(month) ?? { month, status: 'due', dueAt: null, escalatedTo: null, report: null, eventId: null };
      months.set(month, known);
      return known;
    };
    for (const event of events) {
      if (event.type === 'VisitMonthClosed' && event.data.teamReportDueAt) at(event.data.month).dueAt = event.data.teamReportDueAt;
      if (event.type === 'WorkTeamReportFiled') {
        const { month, villageCode: _village, ...report } = event.data;
        Object.assign(at(month), { status: report.late ? 'late' : 'filed', report, eventId: event.id });
      }
      if (event.type === 'WorkTeamReportMissed' && at(event.data.month).status === 'due') {
        Object.assign(at(event.data.month), { status: 'missed', eventId: event.id });
      }
      if (event.type === 'WorkTeamReportEscalated') at(event.data.month).escalatedTo = event.data.escalatedTo;
    }
    return { villageCode, months: [...months.values()].sort((a, b) => b.month.localeCompare(a.month)) };
  }
}
