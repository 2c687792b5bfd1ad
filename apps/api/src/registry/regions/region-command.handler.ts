import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseRegionCode, regionDecider, regionStreamId, type RegionCommand, type RegionEvent } from '@bangfu/domain';
import { EVENT_STORE, handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';

export class RegionCommandMessage {
  constructor(
    readonly command: RegionCommand,
    readonly metadata: CommandMetadata,
  ) {}
}

@CommandHandler(RegionCommandMessage)
export class RegionCommandHandler implements ICommandHandler<RegionCommandMessage, AppendResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ command, metadata }: RegionCommandMessage): Promise<AppendResult> {
    if (command.type === 'RegisterRegion') {
      // The parent's existence is a fact from its own stream (authoritative), handed to the pure decider.
      command = { ...command, data: { ...command.data, parent: await this.registeredParent(command.data.code) } };
    }
    return handleCommand(this.store, regionStreamId(command.data.code), regionDecider, command, {
      ...metadata,
      subjectRegion: command.data.code,
    });
  }

  private async registeredParent(code: string) {
    const parsed = parseRegionCode(code);
    if ('invalid' in parsed || parsed.parentCode === null) return null;
    const events = await this.store.readStream(regionStreamId(parsed.parentCode));
    const parent = events.reduce(
      (state, event) => regionDecider.evolve(state, event as unknown as RegionEvent),
      regionDecider.initialState(),
    );
    // Since when: the business time of the parent's own registration.
    const registeredAt = events.find((event) => event.type === 'RegionRegistered')?.metadata.occurredAt as string;
    return parent.registered ? { code: parent.code, level: parent.level, registeredAt } : null;
  }
}
