import {
  assertNever,
  CadreNotFoundError,
  findingDecider,
  FindingNotFoundError,
  findingStreamId,
  householdDecider,
  HouseholdNotFoundError,
  householdStreamId,
  inspectionDecider,
  InspectionNotFoundError,
  inspectionStreamId,
  RegionNotFoundError,
  regionPrefix,
  taskDecider,
  TaskNotFoundError,
  taskStreamId,
  UnitNotFoundError,
  type FindingCommand,
  type FindingRecord,
  type InspectionCommand,
  type SampleDrawn,
} from '@bangfu/domain';
import { handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { registeredIn, type ReadStore } from '@bangfu/projections';
import { assertWithinJurisdiction, codesUnder } from '../access/jurisdiction';
import { type CitedEvents } from '../ledger/cited-events';
import { type RecordFacts } from '../facts/record-facts';
import { recordedRegion } from '../access/recorded-region';

/** A draw's answer: the append, and the draw as recorded. */
export type SampleDrawResult = AppendResult & { drawn: SampleDrawn };

/**
 * 督查: draws a sample from the register as it stands (the population is recorded with the draw), and
 * records findings against what they cite — the target's division decides jurisdiction, and every cited
 * event must exist and lie within it.
 */
export class SupervisionCommands {
  constructor(
    private readonly store: EventStore,
    private readonly views: ReadStore,
    private readonly facts: RecordFacts,
    private readonly cited: CitedEvents,
  ) {}

  async execute(command: InspectionCommand | FindingCommand, metadata: CommandMetadata): Promise<AppendResult> {
    switch (command.type) {
      case 'DrawSample':
        return this.draw(command, metadata);
      case 'RecordFinding': {
        const regionCode = await this.regionOf(command.data.target);
        assertWithinJurisdiction(metadata.actor, regionCode);
        if (command.data.inspectionId) {
          const inspection = await loadState(this.store, inspectionStreamId(command.data.inspectionId), inspectionDecider);
          if (!inspection.drawn) {
            throw new InspectionNotFoundError(`no inspection ${command.data.inspectionId}`, { field: 'inspectionId' });
          }
        }
        await this.cited.check(command.data.eventIds, metadata.actor);
        const recorded = { ...metadata, subjectRegion: regionCode };
        return handleCommand(this.store, findingStreamId(command.data.findingId), findingDecider, command, recorded, {
          facts: { regionCode },
        });
      }
      default: {
        const streamId = findingStreamId(command.data.findingId);
        const { regionCode } = await recordedRegion(this.store, streamId, findingDecider, metadata.actor, {
          regionOf: (finding) => (finding.status === 'none' ? undefined : finding.finding.regionCode),
          notFound: () => new FindingNotFoundError(`no finding ${command.data.findingId}`),
        });
        return handleCommand(this.store, streamId, findingDecider, command, { ...metadata, subjectRegion: regionCode });
      }
    }
  }

  /** 抽查: the answer shows the draw as recorded (a resend shows the first one). */
  async draw(command: Extract<InspectionCommand, { type: 'DrawSample' }>, metadata: CommandMetadata): Promise<SampleDrawResult> {
    const { regionCode, kind, inspectionId } = command.data;
    // A command deciding on a view: the draw records the very population it used, so whatever the view's lag,
    // the record says what was drawn from and the draw can be replayed.
    const population = this.population(kind, regionCode);
    const streamId = inspectionStreamId(inspectionId);
    const recorded = { ...metadata, subjectRegion: regionCode };
    const result = await handleCommand(this.store, streamId, inspectionDecider, command, recorded, { facts: { population } });
    const { drawn } = await loadState(this.store, streamId, inspectionDecider);
    if (!drawn) throw new InspectionNotFoundError(`inspection ${inspectionId} has no draw`);
    return { ...result, drawn };
  }

  /** The households or villages registered in the division now, as the registry lists them (a city or province: all of its). */
  private population(kind: 'household' | 'village', regionCode: string): string[] {
    return registeredIn(this.views, kind, codesUnder(regionPrefix(regionCode)));
  }

  private async regionOf(target: FindingRecord['target']): Promise<string> {
    switch (target.kind) {
      case 'household': {
        const household = await loadState(this.store, householdStreamId(target.id), householdDecider);
        if (household.status === 'unregistered') throw new HouseholdNotFoundError(`no household ${target.id}`);
        return household.villageCode;
      }
      case 'village':
        if (!(await this.facts.villageRegistered(target.id))) throw new RegionNotFoundError(`no village ${target.id}`);
        return target.id;
      case 'cadre': {
        const cadre = await this.facts.cadre(target.id);
        if (!cadre.registered) throw new CadreNotFoundError(`no cadre ${target.id}`);
        return cadre.regionCode;
      }
      case 'unit': {
        const unit = await this.facts.unit(target.id);
        if (!unit.registered) throw new UnitNotFoundError(`no unit ${target.id}`);
        return unit.regionCode;
      }
      case 'task': {
        const task = await loadState(this.store, taskStreamId(target.id), taskDecider);
        if (task.status === 'none') throw new TaskNotFoundError(`no task ${target.id}`);
        return task.spec.regionCode;
      }
      default:
        return assertNever(target.kind);
    }
  }
}
