import {
  cadreDecider,
  exitAssessmentDecider,
  exitAssessmentStreamId,
  exitStandardDecider,
  exitStandardStreamId,
  standardInForce,
  type ExitStandardVersion,
  cadreStreamId,
  effectiveGoLive,
  goLiveLevels,
  leadPeriods,
  type LeadPeriod,
  type UnitEvent,
  policyInForce,
  policyRegionsFor,
  regionDecider,
  regionStreamId,
  unitDecider,
  unitStreamId,
  villageDecider,
  villageStreamId,
  visitPolicyDecider,
  visitPolicyStreamId,
  type VisitPolicyVersion,
  planAsOf,
  helpPlanStreamId,
  shanghaiDate,
  type MeasureStatus,
} from '@bangfu/domain';
import { loadState, type EventStore } from '@bangfu/eventstore';
import { HOUSEHOLD_IDENTIFICATION, procedureDecider, workflowStreamId, type HelpPlanFact } from '@bangfu/workflow';

const procedures = procedureDecider();

/**
 * Facts a command needs from streams other than its own, read from those streams (never from views,
 * which may lag) and handed to the pure deciders.
 */
export class RecordFacts {
  constructor(private readonly store: EventStore) {}

  async region(code: string) {
    return loadState(this.store, regionStreamId(code), regionDecider);
  }

  /** The go-live a division's obligations are judged from: the latest declared on it, its township or its county. */
  async goLive(code: string): Promise<string | null> {
    const levels = goLiveLevels(code);
    const regions = await Promise.all(levels.map((c) => this.region(c)));
    return effectiveGoLive(regions.map((region) => (region.registered ? region.goLiveAt : null)));
  }

  async villageRegistered(code: string): Promise<boolean> {
    const region = await this.region(code);
    return region.registered && region.level === 'village';
  }

  /** Whether a 精准识别 case for the 户编号 is open on its workflow stream. */
  async identificationOpen(householdId: string): Promise<boolean> {
    const { current } = await loadState(this.store, workflowStreamId(householdId), procedures);
    return current?.status === 'open' && current.definition.id === HOUSEHOLD_IDENTIFICATION;
  }

  cadre(cadreId: string) {
    return loadState(this.store, cadreStreamId(cadreId), cadreDecider);
  }

  unit(unitId: string) {
    return loadState(this.store, unitStreamId(unitId), unitDecider);
  }

  /** A unit's lead officials over time, as the record stood at `knownAt` (everything recorded, when omitted). */
  async unitLeads(unitId: string, knownAt?: string): Promise<LeadPeriod[]> {
    const events = await this.store.readStream(unitStreamId(unitId));
    const known = knownAt === undefined ? events : events.filter((e) => e.metadata.recordedAt <= knownAt);
    return leadPeriods(known.map((e) => ({ event: e as unknown as UnitEvent, occurredAt: e.metadata.occurredAt })));
  }

  village(villageCode: string) {
    return loadState(this.store, villageStreamId(villageCode), villageDecider);
  }

  async visitPolicyVersions(regionCode: string): Promise<VisitPolicyVersion[]> {
    return (await loadState(this.store, visitPolicyStreamId(regionCode), visitPolicyDecider)).versions;
  }

  /** The visit policy in force in a division (a village, or a village-less division's own and above) on a Shanghai date. */
  async visitPolicy(regionCode: string, date: string): Promise<VisitPolicyVersion> {
    return policyInForce(await this.versionsAbove(regionCode, (code) => this.visitPolicyVersions(code)), regionCode, date);
  }

  /** The exit standard (income line, incidence limit, village checklist) in force for a division on a Shanghai date. */
  async exitStandard(regionCode: string, date: string): Promise<ExitStandardVersion> {
    const versionsOf = async (code: string) => (await loadState(this.store, exitStandardStreamId(code), exitStandardDecider)).versions;
    return standardInForce(await this.versionsAbove(regionCode, versionsOf), regionCode, date);
  }

  /** A dated rule's versions in the division and every division above it, read from their streams. */
  private async versionsAbove<V>(regionCode: string, versionsOf: (code: string) => Promise<V[]>): Promise<Map<string, V[]>> {
    const regions = policyRegionsFor(regionCode);
    const versions = await Promise.all(regions.map(versionsOf));
    return new Map(regions.map((code, i) => [code, versions[i]]));
  }

  /** A household's help plan as it stood at `at` (business time): its measures counted by state. */
  async helpPlan(householdId: string, at: Date): Promise<HelpPlanFact> {
    const events = await this.store.readStream(helpPlanStreamId(householdId));
    const { plan } = planAsOf(events, { asOf: at.toISOString() });
    const measures = [...plan.measures.values()];
    const today = shanghaiDate(at);
    const counted = (status: MeasureStatus) => measures.filter((measure) => measure.status === status).length;
    return {
      measures: measures.length,
      open: counted('open'),
      delivered: counted('delivered'),
      notDelivered: counted('not_delivered'),
      overdue: measures.filter((measure) => measure.status === 'open' && measure.spec.dueOn < today).length,
    };
  }

  async ruralPopulation(regionCode: string): Promise<number | null> {
    return (await loadState(this.store, exitAssessmentStreamId(regionCode), exitAssessmentDecider)).population?.population ?? null;
  }
}
