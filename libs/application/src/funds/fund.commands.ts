import { FundNotFoundError, fundDecider, fundStreamId, type FundCommand } from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { recordedRegion } from '../access/recorded-region';

export class FundCommands {
  constructor(private readonly store: EventStore) {}

  async execute(command: FundCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const streamId = fundStreamId(command.data.fundId);
    // An allocation names its division; every later act finds it on the fund's own stream.
    const { regionCode } =
      command.type === 'AllocateFund'
        ? { regionCode: command.data.regionCode }
        : await recordedRegion(this.store, streamId, fundDecider, metadata.actor, {
            regionOf: (fund) => (fund.allocated ? fund.allocation.regionCode : undefined),
            notFound: () => new FundNotFoundError(`fund ${command.data.fundId} was never allocated`),
          });
    return handleCommand(this.store, streamId, fundDecider, command, { ...metadata, subjectRegion: regionCode });
  }
}
