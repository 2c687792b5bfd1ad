import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { regionContains, type Actor } from '@bangfu/domain';
import type { AppendResult } from '@bangfu/eventstore';
import { Allow, CurrentActor } from '../../auth/policy.decorators';
import { CommandContext } from '../../http/command-context';
import { CommandResponseDto } from '../../http/command-response.dto';
import { ProblemException } from '../../http/problem';
import { toCommandResponse } from '../../http/to-command-response';
import { ListRegionsQueryDto, RegionDto, RegisterRegionDto } from './region.dto';
import { RegionCommandMessage } from './region-command.handler';
import { GetRegion, ListRegions } from './region.queries';

const READERS = ['cadre', 'work-team', 'township-reviewer', 'county-admin', 'leader', 'inspector', 'discipline', 'auditor'] as const;

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/regions')
export class RegionsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
  ) {}

  @Post()
  @Allow('county-admin')
  @ApiCreatedResponse({ type: CommandResponseDto })
  async register(@Body() body: RegisterRegionDto, @Req() request: FastifyRequest & { actor: Actor }): Promise<CommandResponseDto> {
    if (!regionContains(request.actor.regionCode ?? '', body.code)) {
      throw new ProblemException(403, 'OUTSIDE_JURISDICTION', `region ${body.code} is outside your jurisdiction`);
    }
    const command = { type: 'RegisterRegion' as const, data: { code: body.code, name: body.name, parent: null } };
    const result: AppendResult = await this.commandBus.execute(new RegionCommandMessage(command, this.context.metadataFor(request)));
    return toCommandResponse(result);
  }

  @Get()
  @Allow(...READERS)
  @ApiOkResponse({ type: [RegionDto] })
  list(@Query() query: ListRegionsQueryDto, @CurrentActor() actor: Actor): Promise<RegionDto[]> {
    return this.queryBus.execute(new ListRegions(actor, query.parent, query.level));
  }

  @Get(':code')
  @Allow(...READERS)
  @ApiOkResponse({ type: RegionDto })
  get(@Param('code') code: string, @CurrentActor() actor: Actor): Promise<RegionDto> {
    return this.queryBus.execute(new GetRegion(code, actor));
  }
}
