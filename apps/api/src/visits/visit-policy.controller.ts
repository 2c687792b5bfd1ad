import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { shanghaiDate, type Actor } from '@bangfu/domain';
import type { Clock } from '@bangfu/workflow';
import { Action } from '../access/action.decorator';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch } from '../http/dispatch';
import { ViewQueryDto } from '../http/view-query.dto';
import { CLOCK } from '../infrastructure/tokens';
import { RecordFacts } from '@bangfu/application';
import { AdoptVisitPolicyDto } from './visit.dto';

@ApiTags('visits')
@Controller('api/v1/regions/:code/visit-policy')
export class VisitPolicyController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly context: CommandContext,
    private readonly facts: RecordFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Action('visit-policy.adopt')
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'a new version, from a date not yet begun (409 POLICY_RETROACTIVE)' })
  adopt(@Param('code') regionCode: string, @Body() body: AdoptVisitPolicyDto, @Req() request: FastifyRequest & { actor: Actor }) {
    return this.dispatch.send({ type: 'AdoptVisitPolicy', data: { ...body, regionCode } }, this.context.metadataFor(request));
  }

  /** The version in force today for the division's villages (where no finer division has its own), and its own versions. */
  @Get()
  @Action('visit-policy.read')
  @ApiOkResponse({ description: 'the version in force today and the division’s own versions' })
  async read(@Param('code') regionCode: string, @Query() _query: ViewQueryDto) {
    const today = shanghaiDate(this.clock.now());
    const [inForce, versions] = await Promise.all([this.facts.visitPolicy(regionCode, today), this.facts.visitPolicyVersions(regionCode)]);
    return { regionCode, date: today, inForce, versions };
  }
}
