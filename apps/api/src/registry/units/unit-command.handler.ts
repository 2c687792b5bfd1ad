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
    let regionCode: string | undefined;
    if (command.type === 'RegisterUnit') {
      regionCode = command.data.regionCode;
      const region = await this.facts.region(regionCode);
      command = { ...command, data: { ...command.data, regionRegistered: region.registered } };
    } else {
      const unit = await loadState(this.store, unitStreamId(command.data.unitId), unitDecider);
      regionCode = unit.registered ? unit.regionCode : undefined;
    }
    return handleCommand(this.store, unitStreamId(command.data.unitId), unitDecider, command, { ...metadata, subjectRegion: regionCode });
  }
}
