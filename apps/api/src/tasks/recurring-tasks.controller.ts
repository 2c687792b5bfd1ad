import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { regionPrefix, type Actor } from '@bangfu/domain';
import { ReadStore, taskSeriesIn } from '@bangfu/projections';
import { Action } from '../access/action.decorator';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch } from '../http/dispatch';
import { DefineRecurringTaskDto, EndRecurringTaskDto } from './task.dto';

type Request = FastifyRequest & { actor: Actor };

/** 自查自评: self-checks issued as tasks every month or quarter, on durable timers. */
@ApiTags('tasks')
@Controller('api/v1')
export class RecurringTasksController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly context: CommandContext,
    private readonly views: ReadStore,
  ) {}

  @Post('recurring-tasks')
  @Action('task.recurring')
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'each period from `firstPeriod` is issued as a task when it begins; 409 RECURRING_TASK_ALREADY_DEFINED',
  })
  define(@Body() body: DefineRecurringTaskDto, @Req() request: Request) {
    const data = {
      ...body,
      target: { ...body.target },
      leadOfficial: body.leadOfficial ?? null,
      cooperatingUnits: body.cooperatingUnits ?? [],
    };
    return this.dispatch.send({ type: 'DefineRecurringTask', data }, this.context.metadataFor(request));
  }

  @Post('recurring-tasks/:seriesId/end')
  @Action('task.recurring')
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'no period after this is issued; 409 RECURRING_TASK_ENDED' })
  end(@Param('seriesId') seriesId: string, @Body() body: EndRecurringTaskDto, @Req() request: Request) {
    return this.dispatch.send({ type: 'EndRecurringTask', data: { seriesId, reason: body.reason } }, this.context.metadataFor(request));
  }

  @Get('regions/:code/recurring-tasks')
  @Action('task.recurring-list')
  @ApiOkResponse({ description: 'the division’s recurring self-checks, with every period issued and its task' })
  list(@Param('code') code: string) {
    return {
      series: taskSeriesIn(this.views, regionPrefix(code)).map((row) => ({
        seriesId: row.series_id,
        regionCode: row.region_code,
        plan: row.plan,
        title: row.title,
        leadUnit: row.lead_unit,
        recurrence: row.recurrence,
        firstPeriod: row.first_period,
        reportDays: row.report_days,
        definedAt: row.defined_at,
        endedAt: row.ended_at,
        endReason: row.end_reason,
        periods: JSON.parse(row.periods),
      })),
    };
  }
}
