import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { regionPrefix, toUtc, type Actor } from '@bangfu/domain';
import { Action } from '../../access/action.decorator';
import { CommandContext } from '../../http/command-context';
import { CommandResponseDto } from '../../http/command-response.dto';
import { Dispatch } from '../../http/dispatch';
import { HouseholdIdPipe } from '../../http/household-id.pipe';
import {
  RegionHouseholdsQueryDto,
  AsOfQueryDto,
  CorrectHouseholdDto,
  RegisterHouseholdDto,
  RelapseDto,
  RemoveHouseholdDto,
} from './household.dto';
import { GetHousehold, ListRegionHouseholds } from './household.queries';

type Request = FastifyRequest & { actor: Actor };

@ApiTags('registry')
@Controller('api/v1')
export class HouseholdsController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
  ) {}

  @Post('households')
  @Action('household.register')
  @ApiCreatedResponse({ type: CommandResponseDto })
  register(@Body() body: RegisterHouseholdDto, @Req() request: Request) {
    const { identifiedAt, ...profile } = body;
    const { metadata, at } = this.context.metadataAt(request, identifiedAt);
    // Direct registration takes over an existing register (导入); a household newly identified comes through 精准识别.
    const data = { ...profile, identifiedAt: at, source: 'import' as const };
    return this.dispatch.send({ type: 'RegisterHousehold', data }, metadata);
  }

  @Post('households/:id/corrections')
  @Action('household.correct')
  @ApiCreatedResponse({ type: CommandResponseDto })
  correct(@Param('id', HouseholdIdPipe) householdId: string, @Body() body: CorrectHouseholdDto, @Req() request: Request) {
    const { metadata } = this.context.metadataAt(request, body.effectiveFrom);
    const effectiveFrom = body.effectiveFrom === undefined ? {} : { effectiveFrom: metadata.occurredAt as string };
    const command = {
      type: 'CorrectHousehold' as const,
      data: { householdId, changes: { ...body.changes }, reason: body.reason, ...effectiveFrom },
    };
    return this.dispatch.send(command, metadata);
  }

  @Post('households/:id/removal')
  @Action('household.remove')
  @ApiCreatedResponse({ type: CommandResponseDto })
  remove(@Param('id', HouseholdIdPipe) householdId: string, @Body() body: RemoveHouseholdDto, @Req() request: Request) {
    const { metadata, at } = this.context.metadataAt(request, body.removedAt);
    const data = { householdId, reason: body.reason, detail: body.detail, removedAt: at };
    return this.dispatch.send({ type: 'RemoveHousehold', data }, metadata);
  }

  @Post('households/:id/relapse')
  @Action('household.relapse')
  @ApiCreatedResponse({ type: CommandResponseDto })
  relapse(@Param('id', HouseholdIdPipe) householdId: string, @Body() body: RelapseDto, @Req() request: Request) {
    const { metadata, at } = this.context.metadataAt(request, body.relapsedAt);
    const data = { householdId, reason: body.reason, relapsedAt: at };
    return this.dispatch.send({ type: 'RecordRelapse', data }, metadata);
  }

  @Get('households/:id')
  @Action('household.read')
  @ApiOkResponse({ description: 'the household (ID numbers masked); with asOf/knownAt, reconstructed from its stream' })
  get(@Param('id', HouseholdIdPipe) householdId: string, @Query() query: AsOfQueryDto) {
    return this.queryBus.execute(new GetHousehold(householdId, query.asOf && toUtc(query.asOf), query.knownAt && toUtc(query.knownAt)));
  }

  @Get('regions/:code/households')
  @Action('household.list')
  @ApiOkResponse({ description: 'a page of the division’s households, by 户编号' })
  list(@Param('code') code: string, @Query() query: RegionHouseholdsQueryDto) {
    return this.queryBus.execute(new ListRegionHouseholds(regionPrefix(code), query.limit ?? 100, query.after));
  }
}
