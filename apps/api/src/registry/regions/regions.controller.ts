import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@bangfu/domain';
import type { Clock } from '@bangfu/workflow';
import { Action } from '../../access/action.decorator';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { CommandContext } from '../../http/command-context';
import { CommandResponseDto } from '../../http/command-response.dto';
import { Dispatch } from '../../http/dispatch';
import { CLOCK } from '../../infrastructure/tokens';
import { RecordPeriodQueryDto, recordPeriod } from '../duty-record/record-period';
import { DeclareGoLiveDto, ListRegionsQueryDto, RegionDto, RegisterRegionDto } from './region.dto';
import { GetRegion, ListRegions } from './region.queries';
import { GetVillageRecord } from './village-record.query';

@ApiTags('registry')
@Controller('api/v1/regions')
export class RegionsController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Action('region.register')
  @ApiCreatedResponse({ type: CommandResponseDto })
  async register(@Body() body: RegisterRegionDto, @Req() request: FastifyRequest & { actor: Actor }): Promise<CommandResponseDto> {
    const { metadata, at } = this.context.metadataAt(request, body.registeredAt);
    const registeredAt = body.registeredAt === undefined ? {} : { registeredAt: at };
    const command = {
      type: 'RegisterRegion' as const,
      data: { code: body.code, name: body.name, ...registeredAt },
    };
    return this.dispatch.send(command, metadata);
  }

  @Post(':code/go-live')
  @Action('region.go-live')
  @ApiCreatedResponse({ type: CommandResponseDto })
  async declareGoLive(
    @Param('code') code: string,
    @Body() body: DeclareGoLiveDto,
    @Req() request: FastifyRequest & { actor: Actor },
  ): Promise<CommandResponseDto> {
    const command = { type: 'DeclareGoLive' as const, data: { code, goLiveOn: body.goLiveOn, reason: body.reason } };
    return this.dispatch.send(command, this.context.metadataFor(request));
  }

  @Get()
  @Action('region.list')
  @ApiOkResponse({ type: [RegionDto] })
  list(@Query() query: ListRegionsQueryDto, @CurrentActor() actor: Actor): Promise<RegionDto[]> {
    return this.queryBus.execute(new ListRegions(actor, query.parent, query.level, query.q));
  }

  @Get(':code/record')
  @Action('region.record')
  @ApiOkResponse({
    description:
      '责任回溯 of a village: its 包村 unit and lead officials, work team and 第一书记, who held each household, the visits, ' +
      'exit steps, overdue months and 对接 missed in a period — as the record stood at `knownAt`',
  })
  record(@Param('code') code: string, @Query() query: RecordPeriodQueryDto) {
    const { from, to, knownAt } = recordPeriod(query, this.clock.now());
    return this.queryBus.execute(new GetVillageRecord(code, from, to, knownAt));
  }

  @Get(':code')
  @Action('region.read')
  @ApiOkResponse({ type: RegionDto })
  get(@Param('code') code: string): Promise<RegionDto> {
    return this.queryBus.execute(new GetRegion(code));
  }
}
