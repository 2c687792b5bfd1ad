import { visitPolicyDecider, visitPolicyStreamId, type VisitPolicyCommand } from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';

export class VisitPolicyCommands {
  constructor(private readonly store: EventStore) {}

  execute(command: VisitPolicyCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const { regionCode } = command.data;
    return handleCommand(this.store, visitPolicyStreamId(regionCode), visitPolicyDecider, command, {
      ...metadata,
      subjectRegion: regionCode,
    });
  }
}
