import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FundNotFoundError, fundDecider, fundStreamId, type FundCommand } from '@bangfu/domain';
import { EVENT_STORE, handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { assertVisible } from '../access/jurisdiction';

export class FundCommandMessage {
  constructor(
    readonly command: FundCommand,
    readonly metadata: CommandMetadata,
  ) {}
}

@CommandHandler(FundCommandMessage)
export class FundCommandHandler implements ICommandHandler<FundCommandMessage, AppendResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ command, metadata }: FundCommandMessage): Promise<AppendResult> {
    const streamId = fundStreamId(command.data.fundId);
    let regionCode: string | undefined;
    if (command.type === 'AllocateFund') regionCode = command.data.regionCode;
    else {
      // The fund's division is on its own stream: the route cannot know it before the handler reads it.
      const fund = await loadState(this.store, streamId, fundDecider);
      regionCode = fund.allocated ? fund.allocation.regionCode : undefined;
      if (regionCode)
        assertVisible(metadata.actor, regionCode, () => new FundNotFoundError(`fund ${command.data.fundId} was never allocated`));
    }
    return handleCommand(this.store, streamId, fundDecider, command, { ...metadata, subjectRegion: regionCode });
  }
}
