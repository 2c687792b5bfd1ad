import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { shanghaiDate, type Actor } from '@bangfu/domain';
import type { Clock } from '@bangfu/workflow';
import { Action } from '../access/action.decorator';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch, utc } from '../http/dispatch';
import { ViewQueryDto } from '../http/view-query.dto';
import { CLOCK } from '../infrastructure/tokens';
import { AcceptanceDto, ApproveProjectDto, BeneficiariesDto, ProjectCompletionDto, MilestoneDto, ProjectNoticeDto } from './project.dto';
import { GetProject } from './project.queries';

type Request = FastifyRequest & { actor: Actor };

@ApiTags('funds')
@Controller('api/v1/projects')
export class ProjectsController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Action('project.approve')
  @ApiCreatedResponse({ type: CommandResponseDto })
  approve(@Body() body: ApproveProjectDto, @Req() request: Request) {
    const data = { ...body, approvedOn: shanghaiDate(this.clock.now()) };
    return this.dispatch.send({ type: 'ApproveProject', data }, this.context.metadataFor(request));
  }

  @Post(':projectId/beneficiaries')
  @Action('project.update')
  @ApiCreatedResponse({ type: CommandResponseDto })
  beneficiaries(@Param('projectId') projectId: string, @Body() body: BeneficiariesDto, @Req() request: Request) {
    const data = { projectId, householdIds: body.householdIds, link: body.link };
    return this.dispatch.send({ type: 'AddBeneficiaries', data }, this.context.metadataFor(request));
  }

  @Post(':projectId/milestones')
  @Action('project.update')
  @ApiCreatedResponse({ type: CommandResponseDto })
  milestone(@Param('projectId') projectId: string, @Body() body: MilestoneDto, @Req() request: Request) {
    const { metadata, at: reachedOn } = this.context.metadataAt(request, body.reachedOn);
    const data = { projectId, milestone: body.milestone, reachedOn };
    return this.dispatch.send({ type: 'RecordMilestone', data }, metadata);
  }

  @Post(':projectId/completion')
  @Action('project.update')
  @ApiCreatedResponse({ type: CommandResponseDto })
  complete(@Param('projectId') projectId: string, @Body() body: ProjectCompletionDto, @Req() request: Request) {
    const { metadata, at: completedOn } = this.context.metadataAt(request, body.completedOn);
    return this.dispatch.send({ type: 'CompleteProject', data: { projectId, completedOn } }, metadata);
  }

  @Post(':projectId/acceptance')
  @Action('project.accept')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '409 ACCEPTOR_IN_LEAD_UNIT for someone of the lead unit' })
  accept(@Param('projectId') projectId: string, @Body() body: AcceptanceDto, @Req() request: Request) {
    const data = { projectId, passed: body.passed, notes: body.notes ?? '', acceptedOn: this.clock.now().toISOString() };
    return this.dispatch.send({ type: 'AcceptProject', data }, this.context.metadataFor(request));
  }

  @Post(':projectId/notice')
  @Action('project.update')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '409 NOTICE_PERIOD_TOO_SHORT under 7 days' })
  notice(@Param('projectId') projectId: string, @Body() body: ProjectNoticeDto, @Req() request: Request) {
    const data = { projectId, from: utc(body.from, this.clock.now()), days: body.days, content: body.content };
    return this.dispatch.send({ type: 'PublishProjectNotice', data }, this.context.metadataFor(request));
  }

  @Get(':projectId')
  @Action('project.read')
  @ApiOkResponse({ description: 'the project, its beneficiaries, and the funds disbursed to it' })
  get(@Param('projectId') projectId: string, @Query() _query: ViewQueryDto, @Req() request: Request) {
    return this.queryBus.execute(new GetProject(request.actor, projectId));
  }
}
