import {
  exitAssessmentDecider,
  exitAssessmentStreamId,
  exitStandardDecider,
  exitStandardStreamId,
  RegionNotFoundError,
  type ExitAssessmentCommand,
  type ExitStandardCommand,
} from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { type RecordFacts } from '../facts/record-facts';

/** The figures exits are judged by: a division's exit standard, its rural population, spot checks and surveys. */
export class ExitRecordsCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute(command: ExitStandardCommand | ExitAssessmentCommand, metadata: CommandMetadata): Promise<AppendResult> {
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
