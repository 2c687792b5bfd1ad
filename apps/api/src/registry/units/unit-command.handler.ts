import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { unitDecider, unitStreamId, type UnitCommand } from '@bangfu/domain';
import { EVENT_STORE, handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { RecordFacts } from '../record-facts';

export class UnitCommandMessage {
  constructor(
    readonly command: UnitCommand,
    readonly metadata: CommandMetadata,
  ) {}
}

@CommandHandler(UnitCommandMessage)
export class UnitCommandHandler implements ICommandHandler<UnitCommandMessage, AppendResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute({ command, metadata }: UnitCommandMessage): Promise<AppendResult> {
    const streamId = unitStreamId(command.data.unitId);
    if (command.type === 'RegisterUnit') {
      const { regionCode } = command.data;
      const region = await this.facts.region(regionCode);
      const recorded = { ...metadata, subjectRegion: regionCode };
      return handleCommand(this.store, streamId, unitDecider, command, recorded, { facts: { regionRegistered: region.registered } });
    }
    const unit = await loadState(this.store, streamId, unitDecider);
    return handleCommand(this.store, streamId, unitDecider, command, {
      ...metadata,
      subjectRegion: unit.registered ? unit.regionCode : undefined,
    });
  }
}
