import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Actor, FindingCommand } from '@bangfu/domain';
import { Action } from '../access/action.decorator';
import { queryScope } from '@bangfu/application';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch } from '../http/dispatch';
import { invalidField } from '../http/problem';
import { toCommandResponse } from '../http/to-command-response';
import { ViewQueryDto } from '../http/view-query.dto';
import {
  DrawSampleDto,
  FindingsQueryDto,
  InspectionsQueryDto,
  RecordFindingDto,
  RectificationDto,
  SampleDrawnDto,
} from './supervision.dto';
import { GetInspection, ListFindings, ListInspections } from './supervision.queries';

type Request = FastifyRequest & { actor: Actor };

const missing = (field: string, action: string) => invalidField(field, `${field} is required to ${action}`);

@ApiTags('supervision')
@Controller('api/v1')
export class SupervisionController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
  ) {}

  @Post('inspections')
  @Action('inspection.draw')
  @ApiCreatedResponse({ type: SampleDrawnDto, description: 'the draw, recorded with its seed and population; 409 SAMPLE_ALREADY_DRAWN' })
  async draw(@Body() body: DrawSampleDto, @Req() request: Request): Promise<SampleDrawnDto> {
    const { size, ...rest } = body;
    const seed = body.seed ?? randomBytes(16).toString('hex');
    const command = { type: 'DrawSample' as const, data: { ...rest, seed, size } };
    const result = await this.dispatch.application.supervision.draw(command, this.context.metadataFor(request));
    const { drawn } = result;
    return { ...toCommandResponse(result), seed: drawn.seed, sample: drawn.sample, populationSize: drawn.population.length };
  }

  @Get('inspections')
  @Action('inspection.list')
  @ApiOkResponse({ description: 'the draws in the division, newest first, with their findings counted; `next` pages' })
  inspections(@Query() query: InspectionsQueryDto, @Req() request: Request) {
    const prefix = queryScope(query.region, request.actor);
    return this.queryBus.execute(new ListInspections(prefix, query.limit ?? 100, query.before));
  }

  @Get('inspections/:inspectionId')
  @Action('inspection.read')
  @ApiOkResponse({ description: 'the recorded draw (seed, population digest, sample) and its findings' })
  inspection(@Param('inspectionId') inspectionId: string, @Query() _query: ViewQueryDto, @Req() request: Request) {
    return this.queryBus.execute(new GetInspection(inspectionId, request.actor));
  }

  @Post('findings')
  @Action('finding.record')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '422 EVENT_NOT_FOUND for a cited event not in the log' })
  record(@Body() body: RecordFindingDto, @Req() request: Request) {
    const data = { ...body, inspectionId: body.inspectionId ?? null, target: { ...body.target } };
    return this.dispatch.send({ type: 'RecordFinding', data }, this.context.metadataFor(request));
  }

  @Post('findings/:findingId/rectification')
  @Action('finding.rectify')
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description:
      'order (deadline, requirement, responsible), report (measures, evidence) or verify (passed, note); 409 VERIFIER_IS_REPORTER',
  })
  rectify(@Param('findingId') findingId: string, @Body() body: RectificationDto, @Req() request: Request) {
    return this.dispatch.send(this.rectification(findingId, body), this.context.metadataFor(request));
  }

  @Get('findings')
  @Action('finding.list')
  @ApiOkResponse({ description: 'findings with their rectification status and history' })
  findings(@Query() query: FindingsQueryDto, @Req() request: Request) {
    const prefix = queryScope(query.region, request.actor);
    return this.queryBus.execute(new ListFindings(prefix, query.status, query.limit ?? 100, query.inspection));
  }

  private rectification(findingId: string, body: RectificationDto): FindingCommand {
    switch (body.action) {
      case 'order':
        if (!body.deadline) throw missing('deadline', 'order');
        if (!body.requirement) throw missing('requirement', 'order');
        if (!body.responsible) throw missing('responsible', 'order');
        return {
          type: 'OrderRectification',
          data: {
            findingId,
            deadline: new Date(body.deadline).toISOString(),
            requirement: body.requirement,
            responsible: body.responsible,
          },
        };
      case 'report':
        if (!body.measures) throw missing('measures', 'report');
        return { type: 'ReportRectification', data: { findingId, measures: body.measures, evidence: body.evidence ?? [] } };
      case 'verify':
        if (body.passed === undefined) throw missing('passed', 'verify');
        if (!body.note) throw missing('note', 'verify');
        return { type: 'VerifyRectification', data: { findingId, passed: body.passed, note: body.note } };
    }
  }
}
