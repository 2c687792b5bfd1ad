import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@bangfu/domain';
import type { Clock } from '@bangfu/workflow';
import { Action } from '../access/action.decorator';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch, utc } from '../http/dispatch';
import { HouseholdIdPipe } from '../http/household-id.pipe';
import { CLOCK } from '../infrastructure/tokens';
import { AssignCadreDto, AssignUnitDto, AssignWorkTeamDto, EndAssignmentDto, ResponsibilityQueryDto } from './assignment.dto';
import { GetResponsibility } from './responsibility.queries';

type Request = FastifyRequest & { actor: Actor };

@ApiTags('assignment')
@Controller('api/v1')
export class AssignmentController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('households/:id/assignments')
  @Action('assignment.assign')
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'assigned; when someone held the household, handed over at that instant' })
  assign(@Param('id', HouseholdIdPipe) householdId: string, @Body() body: AssignCadreDto, @Req() request: Request) {
    const { metadata, at } = this.context.metadataAt(request, body.from);
    const data = {
      householdId,
      cadreId: body.cadreId,
      from: at,
      reason: body.reason ?? '',
    };
    return this.dispatch.send({ type: 'AssignCadre', data }, metadata);
  }

  @Post('households/:id/assignments/end')
  @Action('assignment.end')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '409 DECOUPLING_BEFORE_EXIT unless the household has exited' })
  end(@Param('id', HouseholdIdPipe) householdId: string, @Body() body: EndAssignmentDto, @Req() request: Request) {
    const { metadata, at } = this.context.metadataAt(request, body.at);
    const data = { householdId, at, reason: body.reason };
    return this.dispatch.send({ type: 'EndAssignment', data }, metadata);
  }

  @Get('households/:id/responsibility')
  @Action('assignment.responsibility')
  @ApiOkResponse({ description: 'assignment periods as the record stood at knownAt (now by default), and who held it at `at`' })
  responsibility(@Param('id', HouseholdIdPipe) householdId: string, @Query() query: ResponsibilityQueryDto) {
    const now = this.clock.now();
    return this.queryBus.execute(new GetResponsibility(householdId, query.at && utc(query.at, now), utc(query.knownAt, now)));
  }

  @Post('villages/:code/assignments')
  @Action('village.assign-unit')
  @ApiCreatedResponse({ type: CommandResponseDto })
  assignUnit(@Param('code') villageCode: string, @Body() body: AssignUnitDto, @Req() request: Request) {
    const { metadata, at } = this.context.metadataAt(request, body.from);
    const data = {
      villageCode,
      unitId: body.unitId,
      from: at,
      reason: body.reason ?? '',
    };
    return this.dispatch.send({ type: 'AssignUnitToVillage', data }, metadata);
  }

  @Post('villages/:code/work-teams')
  @Action('village.work-team')
  @ApiCreatedResponse({ type: CommandResponseDto })
  assignWorkTeam(@Param('code') villageCode: string, @Body() body: AssignWorkTeamDto, @Req() request: Request) {
    const { metadata, at } = this.context.metadataAt(request, body.from);
    const data = {
      villageCode,
      memberIds: body.memberIds,
      firstSecretaryId: body.firstSecretaryId,
      from: at,
      reason: body.reason ?? '',
    };
    return this.dispatch.send({ type: 'AssignWorkTeam', data }, metadata);
  }
}
