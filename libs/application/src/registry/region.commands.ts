import { parseRegionCode, regionDecider, regionStreamId, type RegionCommand, type RegionEvent } from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { type RecordFacts } from '../facts/record-facts';

export class RegionCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute(command: RegionCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const streamId = regionStreamId(command.data.code);
    const recorded = { ...metadata, subjectRegion: command.data.code };
    if (command.type !== 'RegisterRegion') return handleCommand(this.store, streamId, regionDecider, command, recorded);
    // The parent's existence and the go-live above are facts from their own streams, handed to the pure decider.
    const parsed = parseRegionCode(command.data.code);
    const parentCode = 'invalid' in parsed ? null : parsed.parentCode;
    const [parent, goLiveAbove] = await Promise.all([
      this.registeredParent(parentCode),
      parentCode === null ? null : this.facts.goLive(parentCode),
    ]);
    return handleCommand(this.store, streamId, regionDecider, command, recorded, { facts: { parent, goLiveAbove } });
  }

  private async registeredParent(parentCode: string | null) {
    if (parentCode === null) return null;
    const events = await this.store.readStream(regionStreamId(parentCode));
    const parent = events.reduce(
      (state, event) => regionDecider.evolve(state, event as unknown as RegionEvent),
      regionDecider.initialState(),
    );
    if (!parent.registered) return null;
    // Since when: the business time of the parent's own registration.
    const registeredAt = events.find((event) => event.type === 'RegionRegistered')?.metadata.occurredAt as string;
    return { code: parent.code, level: parent.level, registeredAt, onboarding: parent.onboarding };
  }
}
