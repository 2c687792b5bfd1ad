import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseRegionCode, regionDecider, regionStreamId, type RegionCommand } from '@bangfu/domain';
import { EVENT_STORE, handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';

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
    const parent = await loadState(this.store, regionStreamId(parsed.parentCode), regionDecider);
    return parent.registered ? { code: parent.code, level: parent.level } : null;
  }
}
