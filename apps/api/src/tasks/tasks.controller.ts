import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { regionPrefix, type Actor } from '@bangfu/domain';
import { Action } from '../access/action.decorator';
import { queryScope } from '@bangfu/application';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch } from '../http/dispatch';
import { ProblemException } from '../http/problem';
import { ViewQueryDto } from '../http/view-query.dto';
import {
  DuePeriodQueryDto,
  IssueTaskDto,
  ProgressDto,
  RankingsQueryDto,
  TaskCompletionDto,
  TasksQueryDto,
  TaskVerificationDto,
} from './task.dto';
import { GetRankings, GetTask, GetTaskBoard, ListTasks, type DuePeriod } from './task.queries';

type Request = FastifyRequest & { actor: Actor };

@ApiTags('tasks')
@Controller('api/v1')
export class TasksController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
  ) {}

  @Post('tasks')
  @Action('task.issue')
  @ApiCreatedResponse({ type: CommandResponseDto })
  issue(@Body() body: IssueTaskDto, @Req() request: Request) {
    const data = {
      ...body,
      target: { ...body.target },
      leadOfficial: body.leadOfficial ?? null,
      cooperatingUnits: body.cooperatingUnits ?? [],
      amountFen: body.amountFen ?? null,
      deadline: new Date(body.deadline).toISOString(),
      timing: body.timing ?? '',
    };
    return this.dispatch.send({ type: 'IssueTask', data }, this.context.metadataFor(request));
  }

  @Post('tasks/:taskId/progress')
  @Action('task.report')
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'cumulative progress with evidence' })
  progress(@Param('taskId') taskId: string, @Body() body: ProgressDto, @Req() request: Request) {
    const data = { taskId, completed: body.completed, note: body.note, evidence: body.evidence ?? [] };
    return this.dispatch.send({ type: 'ReportTaskProgress', data }, this.context.metadataAt(request, body.at).metadata);
  }

  @Post('tasks/:taskId/completion')
  @Action('task.report')
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'completion submitted; on time when submitted by the deadline' })
  completion(@Param('taskId') taskId: string, @Body() body: TaskCompletionDto, @Req() request: Request) {
    const data = { taskId, note: body.note, evidence: body.evidence ?? [] };
    return this.dispatch.send({ type: 'SubmitTaskCompletion', data }, this.context.metadataAt(request, body.at).metadata);
  }

  @Post('tasks/:taskId/verification')
  @Action('task.verify')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '409 VERIFIER_IS_SUBMITTER' })
  verification(@Param('taskId') taskId: string, @Body() body: TaskVerificationDto, @Req() request: Request) {
    const data = { taskId, approved: body.approved, note: body.note };
    return this.dispatch.send({ type: 'VerifyTaskCompletion', data }, this.context.metadataAt(request, body.at).metadata);
  }

  @Get('tasks')
  @Action('task.list')
  @ApiOkResponse({ description: 'tasks by lead unit, lead official and status (overdue judged now)' })
  list(@Query() query: TasksQueryDto, @Req() request: Request) {
    const prefix = queryScope(query.region, request.actor);
    return this.queryBus.execute(
      new ListTasks(prefix, { unit: query.unit, lead: query.lead, status: query.status }, query.limit ?? 100, duePeriod(query)),
    );
  }

  @Get('tasks/:taskId')
  @Action('task.read')
  @ApiOkResponse({ description: 'one task with its history: every progress report, submission and verification, with evidence' })
  get(@Param('taskId') taskId: string, @Query() _query: ViewQueryDto, @Req() request: Request) {
    return this.queryBus.execute(new GetTask(taskId, request.actor));
  }

  @Get('regions/:code/task-board')
  @Action('task.board')
  @ApiOkResponse({
    description: 'completion by lead unit, lead official and division: on time, late, overdue, rejected; `dueFrom`/`dueTo` pick the 考核期',
  })
  board(@Param('code') code: string, @Query() query: DuePeriodQueryDto) {
    return this.queryBus.execute(new GetTaskBoard(regionPrefix(code), duePeriod(query)));
  }

  @Get('rankings')
  @Action('task.rankings')
  @ApiOkResponse({ description: '红黑榜: ranks with the formula and each one’s inputs' })
  rankings(@Query() query: RankingsQueryDto, @Req() request: Request) {
    const prefix = queryScope(query.region, request.actor);
    return this.queryBus.execute(new GetRankings(prefix, query.by ?? 'unit', duePeriod(query)));
  }
}

/** The 考核期 of a query, or a 422 when it ends before it begins. */
export function duePeriod({ dueFrom, dueTo }: DuePeriod): DuePeriod {
  if (dueFrom && dueTo && dueTo < dueFrom) {
    throw new ProblemException(422, 'VALIDATION_FAILED', 'the period is invalid', [
      { field: 'dueTo', message: `dueTo (${dueTo}) is before dueFrom (${dueFrom})`, code: 'PERIOD_INVALID' },
    ]);
  }
  return { dueFrom, dueTo };
}
