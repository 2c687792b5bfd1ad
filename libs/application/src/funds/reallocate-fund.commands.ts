import {
  FundAlreadyAllocatedError,
  FundNotFoundError,
  fundDecider,
  fundStreamId,
  type FundPurpose,
  type Reallocation,
} from '@bangfu/domain';
import { loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { assertVisible, assertWithinJurisdiction } from '../access/jurisdiction';
import type { FundCommands } from './fund.commands';

/** 调剂 as asked: the move, and the division and purpose of the fund it creates. */
export interface ReallocateFund {
  reallocation: Reallocation;
  target: { regionCode: string; purpose: FundPurpose };
}

/**
 * 调剂: the source fund records the move (its balance guards the amount), then the new fund is allocated from
 * it with an id derived from the move's event, so a retry after a crash between the two creates it once.
 */
export class ReallocateFundCommands {
  constructor(
    private readonly store: EventStore,
    private readonly funds: FundCommands,
  ) {}

  async execute({ reallocation, target }: ReallocateFund, metadata: CommandMetadata): Promise<AppendResult> {
    const [source, existing] = await Promise.all([
      loadState(this.store, fundStreamId(reallocation.fundId), fundDecider),
      loadState(this.store, fundStreamId(reallocation.toFundId), fundDecider),
    ]);
    const notFound = () => new FundNotFoundError(`fund ${reallocation.fundId} was never allocated`);
    if (!source.allocated) throw notFound();
    // An outsider learns nothing about which fund ids exist: another division's fund answers as unknown.
    assertVisible(metadata.actor, source.allocation.regionCode, notFound);
    assertWithinJurisdiction(metadata.actor, target.regionCode);
    if (existing.allocated) throw new FundAlreadyAllocatedError(`fund ${reallocation.toFundId} already exists`, { field: 'toFundId' });
    const moved = await this.funds.execute({ type: 'ReallocateFund', data: reallocation }, metadata);
    await this.funds.execute(
      {
        type: 'AllocateFund',
        data: {
          fundId: reallocation.toFundId,
          reallocatedFrom: reallocation.fundId,
          source: source.allocation.source,
          amountFen: reallocation.amountFen,
          regionCode: target.regionCode,
          purpose: target.purpose,
          documentNumber: reallocation.documentNumber,
          allocatedOn: reallocation.reallocatedAt.slice(0, 10),
        },
      },
      { ...metadata, idempotencyKey: `reallocation:${moved.eventIds[0] ?? reallocation.toFundId}` },
    );
    return moved;
  }
}
