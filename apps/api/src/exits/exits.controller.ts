import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  NATIONAL_ASSESSMENT_THRESHOLDS,
  regionPrefix,
  type Actor,
  type ExitAssessmentCommand,
  type ExitStandardCommand,
} from '@bangfu/domain';
import { Action } from '../access/action.decorator';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch } from '../http/dispatch';
import { toCommandResponse } from '../http/to-command-response';
import { ViewQueryDto } from '../http/view-query.dto';
import {
  ActOnStepDto,
  AdoptExitStandardDto,
  ExitStartedDto,
  RuralPopulationDto,
  SatisfactionSurveyDto,
  SpotCheckDto,
  StartExitDto,
} from './exit.dto';
import { ExitIdPipe, StepNamePipe } from './exit-params';
import { GetExit, GetExitIndicators, GetExitPipeline } from './exit.queries';

type Request = FastifyRequest & { actor: Actor };

@ApiTags('exit')
@Controller('api/v1')
export class ExitsController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
  ) {}

  @Post('exits')
  @Action('exit.start')
  @ApiCreatedResponse({ type: ExitStartedDto, description: '409 WORKFLOW_IN_PROGRESS while a case is open; HOUSEHOLD_ALREADY_EXITED' })
  async start(@Body() body: StartExitDto, @Req() request: Request): Promise<ExitStartedDto> {
    const subject = body.householdId
      ? { kind: 'household' as const, id: body.householdId }
      : { kind: 'village' as const, id: body.villageCode as string };
    const definitionId = subject.kind === 'household' ? 'household-exit' : 'village-exit';
    const { metadata, at } = this.context.metadataAt(request, body.at);
    const data = { definitionId, subject, reason: body.reason, ...(body.at === undefined ? {} : { at }) };
    const result = await this.dispatch.application.exits.start({ type: 'StartWorkflow', data }, metadata);
    return { ...toCommandResponse(result), exitId: result.exitId };
  }

  @Post('exits/:exitId/steps/:step')
  @Action('exit.act')
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description:
      '403 STEP_ROLE_NOT_ALLOWED for a role the step does not name; 409 STEP_TOO_EARLY, STEP_NOT_CURRENT, ACT_BEFORE_PREVIOUS_STEP, ' +
      'SELF_VERIFICATION, SAME_REVIEWER, ' +
      'INCOME_BELOW_LINE, CHECKLIST_NOT_MET, VOTE_NOT_PASSED, HOUSEHOLD_DISAGREES, INCIDENCE_TOO_HIGH, VILLAGE_CHECKLIST_NOT_MET',
  })
  act(
    @Param('exitId', ExitIdPipe) exitId: string,
    @Param('step', StepNamePipe) step: string,
    @Body() body: ActOnStepDto,
    @Req() request: Request,
  ) {
    const { action, at: stated, ...input } = body;
    const evidence = input.villageVerification
      ? {
          ...input,
          villageVerification: {
            checklist: Object.fromEntries(input.villageVerification.checklist.map(({ key, ...answer }) => [key, answer])),
          },
        }
      : input;
    const { metadata, at } = this.context.metadataAt(request, stated);
    const data = {
      instanceId: exitId,
      step,
      action,
      input: structuredClone(evidence) as Record<string, unknown>,
      ...(stated === undefined ? {} : { at }),
    };
    return this.dispatch.send({ type: 'ActOnStep', data }, metadata);
  }

  @Get('exits/:exitId')
  @Action('exit.read')
  @ApiOkResponse({
    description: 'the case: its pinned procedure, current step with deadlines, and every act with who, when, how long, evidence',
  })
  get(@Param('exitId', ExitIdPipe) exitId: string, @Query() _query: ViewQueryDto, @Req() request: Request) {
    return this.queryBus.execute(new GetExit(exitId, request.actor));
  }

  @Get('regions/:code/exit-pipeline')
  @Action('exit.pipeline')
  @ApiOkResponse({ description: 'exit cases in the division per step, with the overdue ones' })
  pipeline(@Param('code') code: string, @Query() _query: ViewQueryDto) {
    return this.queryBus.execute(new GetExitPipeline(regionPrefix(code)));
  }

  @Get('regions/:code/exit-indicators')
  @Action('exit.indicators')
  @ApiOkResponse({ description: '摘帽 indicators: incidence, 错退率, 漏评率, 群众认可度, against the standard in force' })
  indicators(@Param('code') code: string, @Query() _query: ViewQueryDto) {
    return this.queryBus.execute(new GetExitIndicators(code));
  }

  @Post('regions/:code/exit-standards')
  @Action('exit.standard')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '409 STANDARD_RETROACTIVE for a date that has begun' })
  adoptStandard(@Param('code') code: string, @Body() body: AdoptExitStandardDto, @Req() request: Request) {
    const command: ExitStandardCommand = {
      type: 'AdoptExitStandard',
      data: {
        regionCode: code,
        ...NATIONAL_ASSESSMENT_THRESHOLDS,
        ...body,
        villageChecklist: body.villageChecklist.map((i) => ({ ...i })),
      },
    };
    return this.dispatch.send(command, this.context.metadataFor(request));
  }

  @Post('regions/:code/rural-population')
  @Action('exit.population')
  @ApiCreatedResponse({ type: CommandResponseDto })
  population(@Param('code') code: string, @Body() body: RuralPopulationDto, @Req() request: Request) {
    return this.record({ type: 'RecordRuralPopulation', data: { regionCode: code, ...body } }, request);
  }

  @Post('regions/:code/exit-spot-checks')
  @Action('exit.assess')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '422 INVALID_ASSESSMENT when a part exceeds its sample' })
  spotCheck(@Param('code') code: string, @Body() body: SpotCheckDto, @Req() request: Request) {
    return this.record({ type: 'RecordSpotCheck', data: { regionCode: code, ...body } }, request);
  }

  @Post('regions/:code/satisfaction-surveys')
  @Action('exit.assess')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '422 INVALID_ASSESSMENT when satisfied exceeds respondents' })
  survey(@Param('code') code: string, @Body() body: SatisfactionSurveyDto, @Req() request: Request) {
    return this.record({ type: 'RecordSatisfactionSurvey', data: { regionCode: code, ...body } }, request);
  }

  private record(command: ExitAssessmentCommand, request: Request) {
    return this.dispatch.send(command, this.context.metadataFor(request));
  }
}
