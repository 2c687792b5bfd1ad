import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@bangfu/domain';
import { nameBasedUuid } from '@bangfu/eventstore';
import type { Clock } from '@bangfu/workflow';
import { Action } from '../access/action.decorator';
import { CommandContext } from '../http/command-context';
import { CommandResponseDto } from '../http/command-response.dto';
import { Dispatch } from '../http/dispatch';
import { CLOCK } from '../infrastructure/tokens';
import { AllocateFundDto, ConfirmReceiptDto, DisburseDto, FundTraceQueryDto, ReallocateDto, RecoverDto } from './fund.dto';
import { GetFundTrace } from './fund.queries';

type Request = FastifyRequest & { actor: Actor };

class DisbursedDto extends CommandResponseDto {
  @ApiProperty({ description: 'the disbursement’s id, for its confirmation and recovery' }) disbursementId!: string;
}

@ApiTags('funds')
@Controller('api/v1/funds')
export class FundsController {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly queryBus: QueryBus,
    private readonly context: CommandContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Action('fund.allocate')
  @ApiCreatedResponse({ type: CommandResponseDto })
  allocate(@Body() body: AllocateFundDto, @Req() request: Request) {
    return this.dispatch.send({ type: 'AllocateFund', data: { ...body } }, this.context.metadataFor(request));
  }

  @Post(':fundId/disbursements')
  @Action('fund.disburse')
  @ApiCreatedResponse({ type: DisbursedDto, description: '409 FUND_OVERDRAWN when more than the balance is asked for' })
  async disburse(@Param('fundId') fundId: string, @Body() body: DisburseDto, @Req() request: Request): Promise<DisbursedDto> {
    const { metadata, at: disbursedAt } = this.context.metadataAt(request, body.disbursedAt);
    const disbursementId = metadata.idempotencyKey ? nameBasedUuid(`${metadata.idempotencyKey}#disbursement`) : randomUUID();
    const data = {
      fundId,
      disbursementId,
      recipient: { kind: body.recipient.kind, id: body.recipient.id },
      amountFen: body.amountFen,
      voucherNumber: body.voucherNumber,
      disbursedAt,
    };
    return { ...(await this.dispatch.send({ type: 'DisburseFund', data }, metadata)), disbursementId };
  }

  @Post(':fundId/disbursements/:disbursementId/confirmation')
  @Action('fund.confirm')
  @ApiCreatedResponse({ type: CommandResponseDto })
  confirm(
    @Param('fundId') fundId: string,
    @Param('disbursementId') disbursementId: string,
    @Body() body: ConfirmReceiptDto,
    @Req() request: Request,
  ) {
    const { metadata, at: confirmedAt } = this.context.metadataAt(request, body.confirmedAt);
    const data = { fundId, disbursementId, confirmedBy: body.confirmedBy, confirmedAt };
    return this.dispatch.send({ type: 'ConfirmReceipt', data }, metadata);
  }

  @Post(':fundId/recoveries')
  @Action('fund.recover')
  @ApiCreatedResponse({ type: CommandResponseDto })
  recover(@Param('fundId') fundId: string, @Body() body: RecoverDto, @Req() request: Request) {
    const { metadata, at: recoveredAt } = this.context.metadataAt(request, body.recoveredAt);
    const data = { fundId, disbursementId: body.disbursementId, amountFen: body.amountFen, reason: body.reason, recoveredAt };
    return this.dispatch.send({ type: 'RecoverFunds', data }, metadata);
  }

  @Post(':fundId/reallocations')
  @Action('fund.reallocate')
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'moves unspent money to a new fund (调剂); 409 FUND_OVERDRAWN beyond the balance',
  })
  reallocate(@Param('fundId') fundId: string, @Body() body: ReallocateDto, @Req() request: Request) {
    const reallocatedAt = this.clock.now().toISOString();
    const { toFundId, amountFen, documentNumber, reason, regionCode, purpose } = body;
    const reallocation = { fundId, toFundId, amountFen, documentNumber, reason, reallocatedAt };
    const moved = this.dispatch.application.reallocations.execute(
      { reallocation, target: { regionCode, purpose } },
      this.context.metadataFor(request),
    );
    return this.dispatch.answer(moved);
  }

  @Get(':fundId/trace')
  @Action('fund.trace')
  @ApiOkResponse({
    description:
      'allocation → disbursements (a page at a time, in payment order; `next` continues) → receipts and recoveries, balance to the fen, days idle',
  })
  trace(@Param('fundId') fundId: string, @Query() query: FundTraceQueryDto, @Req() request: Request) {
    return this.queryBus.execute(new GetFundTrace(request.actor, fundId, this.clock.now(), query.after ?? null, query.limit ?? 200));
  }
}
