import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { visitPolicyDecider, visitPolicyStreamId, type VisitPolicyCommand } from '@bangfu/domain';
import { EVENT_STORE, handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';

export class VisitPolicyCommandMessage {
  constructor(
    readonly command: VisitPolicyCommand,
    readonly metadata: CommandMetadata,
  ) {}
}

@CommandHandler(VisitPolicyCommandMessage)
export class VisitPolicyCommandHandler implements ICommandHandler<VisitPolicyCommandMessage, AppendResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, metadata }: VisitPolicyCommandMessage): Promise<AppendResult> {
    const { regionCode } = command.data;
    return handleCommand(this.store, visitPolicyStreamId(regionCode), visitPolicyDecider, command, {
      ...metadata,
      subjectRegion: regionCode,
    });
  }
}
