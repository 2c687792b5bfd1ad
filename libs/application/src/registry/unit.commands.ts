import { unitDecider, unitStreamId, type UnitCommand } from '@bangfu/domain';
import { handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { type RecordFacts } from '../facts/record-facts';

export class UnitCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute(command: UnitCommand, metadata: CommandMetadata): Promise<AppendResult> {
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
