import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@bangfu/domain';
import { Action } from '../access/action.decorator';
import { queryScope } from '@bangfu/application';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch } from '../http/dispatch';
import { ViewQueryDto } from '../http/view-query.dto';
import { CaseDecisionDto, CasesQueryDto, OpenCaseDto } from './case.dto';
import { GetCase, ListCases } from './case.queries';

type Request = FastifyRequest & { actor: Actor };

@ApiTags('accountability')
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
  ) {}

  @Post()
  @Action('case.open')
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'parties (捆绑问责) derived from the record; 422 EVENT_NOT_FOUND for a ground not in the log',
  })
  open(@Body() body: OpenCaseDto, @Req() request: Request) {
    const data = { ...body, against: { ...body.against } };
    return this.dispatch.send({ type: 'OpenCase', data }, this.context.metadataFor(request));
  }

  @Post(':caseId/decision')
  @Action('case.decide')
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'one decision per party; 422 PARTY_NOT_IN_CASE, 409 DECISION_ALREADY_RECORDED',
  })
  decide(@Param('caseId') caseId: string, @Body() body: CaseDecisionDto, @Req() request: Request) {
    return this.dispatch.send({ type: 'RecordCaseDecision', data: { caseId, ...body } }, this.context.metadataFor(request));
  }

  @Get()
  @Action('case.list')
  @ApiOkResponse({ description: 'the cases in a division (`region`, else yours), newest first, with their parties' })
  list(@Query() query: CasesQueryDto, @Req() request: Request) {
    const prefix = queryScope(query.region, request.actor);
    return this.queryBus.execute(new ListCases(prefix, query.limit ?? 100));
  }

  @Get(':caseId')
  @Action('case.read')
  @ApiOkResponse({ description: 'the case, its grounds, parties (with how the record names each) and decisions' })
  get(@Param('caseId') caseId: string, @Query() _query: ViewQueryDto, @Req() request: Request) {
    return this.queryBus.execute(new GetCase(caseId, request.actor));
  }
}
