import {
  RecurringTaskNotFoundError,
  recurringTaskDecider,
  recurringTaskStreamId,
  RegionNotRegisteredError,
  type RecurringTaskCommand,
} from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { assertWithinJurisdiction } from '../access/jurisdiction';
import { recordedRegion } from '../access/recorded-region';
import type { RecordFacts } from '../facts/record-facts';

/** 自查自评: a recurring task defined for a registered division; each later act checked against its division. */
export class RecurringTaskCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute(command: RecurringTaskCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const streamId = recurringTaskStreamId(command.data.seriesId);
    let regionCode: string | undefined;
    if (command.type === 'DefineRecurringTask') {
      regionCode = command.data.regionCode;
      assertWithinJurisdiction(metadata.actor, regionCode);
      if (!(await this.facts.region(regionCode)).registered) {
        throw new RegionNotRegisteredError(`division ${regionCode} is not registered`, { field: 'regionCode' });
      }
    } else {
      ({ regionCode } = await recordedRegion(this.store, streamId, recurringTaskDecider, metadata.actor, {
        regionOf: (series) => (series.defined ? series.spec.regionCode : undefined),
        notFound: () => new RecurringTaskNotFoundError(`no recurring task ${command.data.seriesId}`),
      }));
    }
    return handleCommand(this.store, streamId, recurringTaskDecider, command, { ...metadata, subjectRegion: regionCode });
  }
}
