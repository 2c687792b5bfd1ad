import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { toUtc, type Actor, type DeliveryChannel } from '@bangfu/domain';
import { Action } from '../access/action.decorator';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch } from '../http/dispatch';
import { HouseholdIdPipe } from '../http/household-id.pipe';
import { AsOfQueryDto } from '../registry/households/household.dto';
import { AddMeasureDto, MeasureDeliveryDto, ReviseMeasureDto, type DeliveryChannelDto } from './help-plan.dto';
import { GetHelpPlan } from './help-plan.queries';

type Request = FastifyRequest & { actor: Actor };

const channel = (via: DeliveryChannelDto): DeliveryChannel =>
  via.kind === 'fund'
    ? { kind: 'fund', fundId: via.fundId as string, disbursementId: via.disbursementId as string }
    : { kind: 'project', projectId: via.projectId as string };

@ApiTags('help plans')
@Controller('api/v1/households/:id/plan')
export class HelpPlanController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
  ) {}

  @Post('measures')
  @Action('plan.measure')
  @ApiCreatedResponse({ type: CommandResponseDto, description: '409 MEASURE_ALREADY_ADDED, CADRE_RECALLED; 404 HOUSEHOLD_NOT_FOUND' })
  add(@Param('id', HouseholdIdPipe) householdId: string, @Body() body: AddMeasureDto, @Req() request: Request) {
    const data = { householdId, ...body, addresses: body.addresses ?? [] };
    return this.dispatch.send({ type: 'AddMeasure', data }, this.context.metadataFor(request));
  }

  @Post('measures/:measureId/revisions')
  @Action('plan.measure')
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'what changed, what it was and why; 409 MEASURE_CLOSED' })
  revise(
    @Param('id', HouseholdIdPipe) householdId: string,
    @Param('measureId') measureId: string,
    @Body() body: ReviseMeasureDto,
    @Req() request: Request,
  ) {
    const { reason, ...changes } = body;
    const command = { type: 'ReviseMeasure' as const, data: { householdId, measureId, changes, reason } };
    return this.dispatch.send(command, this.context.metadataFor(request));
  }

  @Post('measures/:measureId/delivery')
  @Action('plan.measure')
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description:
      'delivered (with evidence, and the disbursement or project it came through) or not (with why); 409 DELIVERY_NOT_TO_HOUSEHOLD',
  })
  deliver(
    @Param('id', HouseholdIdPipe) householdId: string,
    @Param('measureId') measureId: string,
    @Body() body: MeasureDeliveryDto,
    @Req() request: Request,
  ) {
    const metadata = this.context.metadataFor(request);
    if (!body.delivered) {
      return this.dispatch.send(
        { type: 'RecordMeasureNotDelivered', data: { householdId, measureId, reason: body.reason as string } },
        metadata,
      );
    }
    const data = {
      householdId,
      measureId,
      deliveredOn: body.deliveredOn as string,
      evidence: body.evidence ?? [],
      note: body.note ?? '',
      via: body.via ? channel(body.via) : null,
    };
    return this.dispatch.send({ type: 'RecordMeasureDelivery', data }, metadata);
  }

  @Get()
  @Action('plan.read')
  @ApiOkResponse({
    description:
      'the help plan (一户一策): every measure with its state, and the events it was folded from; with asOf/knownAt, as it stood then',
  })
  read(@Param('id', HouseholdIdPipe) householdId: string, @Query() query: AsOfQueryDto) {
    return this.queryBus.execute(new GetHelpPlan(householdId, query.asOf && toUtc(query.asOf), query.knownAt && toUtc(query.knownAt)));
  }
}
