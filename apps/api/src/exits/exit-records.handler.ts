import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  exitAssessmentDecider,
  exitAssessmentStreamId,
  exitStandardDecider,
  exitStandardStreamId,
  RegionNotFoundError,
  type ExitAssessmentCommand,
  type ExitStandardCommand,
} from '@bangfu/domain';
import { EVENT_STORE, handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { RecordFacts } from '../registry/record-facts';

export class ExitRecordsMessage {
  constructor(
    readonly command: ExitStandardCommand | ExitAssessmentCommand,
    readonly metadata: CommandMetadata,
  ) {}
}

/** The figures exits are judged by: a division's exit standard, its rural population, spot checks and surveys. */
@CommandHandler(ExitRecordsMessage)
export class ExitRecordsHandler implements ICommandHandler<ExitRecordsMessage, AppendResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute({ command, metadata }: ExitRecordsMessage): Promise<AppendResult> {
    const { regionCode } = command.data;
    // The national default (000000) is built in; every other standard belongs to a registered division.
    if (!(await this.facts.region(regionCode)).registered) throw new RegionNotFoundError(`division ${regionCode} is not registered`);
    const recorded = { ...metadata, subjectRegion: regionCode };
    if (command.type === 'AdoptExitStandard') {
      return handleCommand(this.store, exitStandardStreamId(regionCode), exitStandardDecider, command, recorded);
    }
    return handleCommand(this.store, exitAssessmentStreamId(regionCode), exitAssessmentDecider, command, recorded);
  }
}
