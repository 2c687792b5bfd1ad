import { CadreNotFoundError, CadreRecalledError, HouseholdNotFoundError } from '../household/household-errors';
import type { VisitCheck } from '../household/household-vocabulary';
import { assertNever, type Decider, type DecisionContext, type Decision } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { type MEASURE_KINDS } from '../shared/flag-names';
import { shanghaiDate } from '../shared/shanghai-time';

export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** What a delivered measure came through: a fund's disbursement to the household, or a project it benefits from. */
export type DeliveryChannel = { kind: 'fund'; fundId: string; disbursementId: string } | { kind: 'project'; projectId: string };

/** One measure of a household's help plan, as promised. */
export interface MeasureSpec {
  householdId: string;
  measureId: string;
  kind: MeasureKind;
  /** What is promised (帮扶内容), in the plan's words. */
  promise: string;
  /** The cadre responsible for delivering it. */
  cadreId: string;
  /** The Shanghai calendar day it is due by. */
  dueOn: string;
  /** The 两不愁三保障 checks it answers: a visit finding one not met looks for such a measure. */
  addresses: VisitCheck[];
}

/** What a revision may change; every revision says why. */
export type MeasureChanges = Partial<Pick<MeasureSpec, 'promise' | 'cadreId' | 'dueOn'>>;

export type HelpPlanCommand =
  | { type: 'AddMeasure'; data: MeasureSpec }
  | { type: 'ReviseMeasure'; data: { householdId: string; measureId: string; changes: MeasureChanges; reason: string } }
  | {
      type: 'RecordMeasureDelivery';
      data: { householdId: string; measureId: string; deliveredOn: string; evidence: string[]; note: string; via: DeliveryChannel | null };
    }
  | { type: 'RecordMeasureNotDelivered'; data: { householdId: string; measureId: string; reason: string } };

/** A cadre as a measure's responsibility needs them: registered, and not recalled. */
export interface ResponsibleCadre {
  registered: boolean;
  recalled: boolean;
}

/** Whether a delivery's channel exists and reached this household (a disbursement paid to it, a project naming it). */
export interface ChannelFacts {
  found: boolean;
  reachesHousehold: boolean;
}

/** What the handler reads from other streams: the household's registration, the cadre, the delivery channel. */
export interface HelpPlanFacts {
  AddMeasure: { household: { registered: boolean; villageCode: string | null }; cadre: ResponsibleCadre };
  ReviseMeasure: { cadre: ResponsibleCadre | null };
  RecordMeasureDelivery: { channel: ChannelFacts | null };
}

export type HelpPlanEvent =
  | { type: 'MeasureAdded'; data: MeasureSpec & { villageCode: string } }
  | {
      type: 'MeasureRevised';
      data: { householdId: string; measureId: string; changes: MeasureChanges; previous: MeasureChanges; reason: string; cadreId: string };
    }
  | {
      type: 'MeasureDelivered';
      data: {
        householdId: string;
        measureId: string;
        deliveredOn: string;
        evidence: string[];
        note: string;
        via: DeliveryChannel | null;
        cadreId: string;
        onTime: boolean;
      };
    }
  | { type: 'MeasureNotDelivered'; data: { householdId: string; measureId: string; reason: string; cadreId: string } };

export type MeasureStatus = 'open' | 'delivered' | 'not_delivered';

export interface MeasureState {
  spec: MeasureSpec;
  status: MeasureStatus;
  revisions: number;
  deliveredOn: string | null;
  via: DeliveryChannel | null;
  onTime: boolean | null;
  /** Why it was not delivered, when it was not. */
  reason: string | null;
}

export interface HelpPlanState {
  villageCode: string | null;
  measures: Map<string, MeasureState>;
}

export class MeasureNotFoundError extends DomainError {
  readonly code = 'MEASURE_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class MeasureAlreadyAddedError extends DomainError {
  readonly code = 'MEASURE_ALREADY_ADDED';
}
export class MeasureClosedError extends DomainError {
  readonly code = 'MEASURE_CLOSED';
}
export class InvalidMeasureError extends DomainError {
  readonly code = 'INVALID_MEASURE';
  override readonly kind = 'invalid' as const;
}
export class DeliveryChannelNotFoundError extends DomainError {
  readonly code = 'DELIVERY_CHANNEL_NOT_FOUND';
  override readonly kind = 'invalid' as const;
}
export class DeliveryNotToHouseholdError extends DomainError {
  readonly code = 'DELIVERY_NOT_TO_HOUSEHOLD';
}

/**
 * How long a plan has to answer (seed 002 第三篇 (三): "因人因户制定一户一策帮扶方案"): a household registered a month
 * has a plan, and a check a visit found not met has a measure addressing it within a month.
 */
export const HELP_PLAN_DEADLINES = { planDays: 30, responseDays: 30 } as const;

export function helpPlanStreamId(householdId: string): string {
  return `helpplan-${householdId}`;
}

type Command<T extends HelpPlanCommand['type']> = Extract<Decision<HelpPlanCommand, HelpPlanFacts>, { type: T }>;

/**
 * 一户一策: a household's help plan, one stream per household. Measures are added with what is promised, who is
 * responsible and by when; a revision says what changed and why (the plan as it stood at any time is the stream
 * read up to then); each measure closes as delivered — with evidence, and the disbursement or project it came
 * through, which must have reached this household — or as not delivered, with why.
 */
export const helpPlanDecider: Decider<HelpPlanCommand, HelpPlanEvent, HelpPlanState, HelpPlanFacts> = {
  initialState: () => ({ villageCode: null, measures: new Map() }),
  evolve(state, event) {
    const measures = new Map(state.measures);
    const current = measures.get(event.data.measureId);
    switch (event.type) {
      case 'MeasureAdded': {
        const { villageCode, ...spec } = event.data;
        measures.set(spec.measureId, { spec, status: 'open', revisions: 0, deliveredOn: null, via: null, onTime: null, reason: null });
        return { villageCode, measures };
      }
      case 'MeasureRevised':
        if (current)
          measures.set(current.spec.measureId, {
            ...current,
            spec: { ...current.spec, ...event.data.changes },
            revisions: current.revisions + 1,
          });
        return { ...state, measures };
      case 'MeasureDelivered':
        if (current) {
          const { deliveredOn, via, onTime } = event.data;
          measures.set(current.spec.measureId, { ...current, status: 'delivered', deliveredOn, via, onTime });
        }
        return { ...state, measures };
      case 'MeasureNotDelivered':
        if (current) measures.set(current.spec.measureId, { ...current, status: 'not_delivered', reason: event.data.reason });
        return { ...state, measures };
      default:
        return assertNever(event);
    }
  },
  decide(command, state, context) {
    switch (command.type) {
      case 'AddMeasure':
        return addMeasure(command, state);
      case 'ReviseMeasure':
        return reviseMeasure(command, state);
      case 'RecordMeasureDelivery':
        return recordDelivery(command, state, context);
      case 'RecordMeasureNotDelivered': {
        const measure = openMeasure(state, command.data.measureId);
        if (command.data.reason.trim() === '') throw new InvalidMeasureError('say why the measure was not delivered', { field: 'reason' });
        return [{ type: 'MeasureNotDelivered', data: { ...command.data, cadreId: measure.spec.cadreId } }];
      }
      default:
        return assertNever(command);
    }
  },
};

function addMeasure(command: Command<'AddMeasure'>, state: HelpPlanState): HelpPlanEvent[] {
  const { household, cadre } = command.facts;
  const spec = command.data;
  if (!household.registered || household.villageCode === null) {
    throw new HouseholdNotFoundError(`household ${spec.householdId} is not registered`);
  }
  if (state.measures.has(spec.measureId)) throw new MeasureAlreadyAddedError(`measure ${spec.measureId} is already in the plan`);
  responsible(cadre, spec.cadreId);
  return [{ type: 'MeasureAdded', data: { ...spec, villageCode: household.villageCode } }];
}

function reviseMeasure(command: Command<'ReviseMeasure'>, state: HelpPlanState): HelpPlanEvent[] {
  const { measureId, changes, reason } = command.data;
  // What the request itself lacks is answered before anything about the plan: a revision names a change.
  if (Object.values(changes).every((value) => value === undefined)) {
    throw new InvalidMeasureError('a revision changes the promise, the responsible cadre or the due date', { field: 'changes' });
  }
  const measure = openMeasure(state, measureId);
  // A field left out (or sent as undefined) is not a change.
  const changed = (Object.keys(changes) as (keyof MeasureChanges)[]).filter(
    (key) => changes[key] !== undefined && changes[key] !== measure.spec[key],
  );
  if (changed.length === 0)
    throw new InvalidMeasureError('a revision changes the promise, the responsible cadre or the due date', { field: 'changes' });
  if (reason.trim() === '') throw new InvalidMeasureError('say why the measure is revised', { field: 'reason' });
  if (changes.cadreId !== undefined && changes.cadreId !== measure.spec.cadreId) {
    if (!command.facts.cadre) throw new CadreNotFoundError(`cadre ${changes.cadreId} is not registered`, { field: 'changes.cadreId' });
    responsible(command.facts.cadre, changes.cadreId);
  }
  const effective = Object.fromEntries(changed.map((key) => [key, changes[key]])) as MeasureChanges;
  const previous = Object.fromEntries(changed.map((key) => [key, measure.spec[key]])) as MeasureChanges;
  const cadreId = effective.cadreId ?? measure.spec.cadreId;
  return [
    { type: 'MeasureRevised', data: { householdId: command.data.householdId, measureId, changes: effective, previous, reason, cadreId } },
  ];
}

function recordDelivery(command: Command<'RecordMeasureDelivery'>, state: HelpPlanState, { now }: DecisionContext): HelpPlanEvent[] {
  const { measureId, deliveredOn, via } = command.data;
  const measure = openMeasure(state, measureId);
  if (command.data.evidence.length === 0) {
    throw new InvalidMeasureError('a delivery names its evidence (签收单, photos, vouchers)', { field: 'evidence' });
  }
  if (deliveredOn > shanghaiDate(now))
    throw new InvalidMeasureError(`deliveredOn ${deliveredOn} is in the future`, { field: 'deliveredOn' });
  if (via) {
    const channel = command.facts.channel;
    const named = via.kind === 'fund' ? `disbursement ${via.disbursementId} of fund ${via.fundId}` : `project ${via.projectId}`;
    if (!channel?.found) throw new DeliveryChannelNotFoundError(`${named} is not on the record`, { field: 'via' });
    if (!channel.reachesHousehold) {
      throw new DeliveryNotToHouseholdError(`${named} did not reach household ${command.data.householdId}`, { field: 'via' });
    }
  }
  const onTime = deliveredOn <= measure.spec.dueOn;
  return [{ type: 'MeasureDelivered', data: { ...command.data, cadreId: measure.spec.cadreId, onTime } }];
}

function openMeasure(state: HelpPlanState, measureId: string): MeasureState {
  const measure = state.measures.get(measureId);
  if (!measure) throw new MeasureNotFoundError(`the plan has no measure ${measureId}`);
  if (measure.status !== 'open')
    throw new MeasureClosedError(
      `measure ${measureId} is already ${measure.status === 'delivered' ? 'delivered' : 'closed as not delivered'}`,
    );
  return measure;
}

function responsible(cadre: ResponsibleCadre, cadreId: string): void {
  if (!cadre.registered) throw new CadreNotFoundError(`cadre ${cadreId} is not registered`, { field: 'cadreId' });
  if (cadre.recalled)
    throw new CadreRecalledError(`cadre ${cadreId} was recalled: a measure needs someone still at work`, { field: 'cadreId' });
}

/** An event of a plan's stream with the two times the store keeps. */
interface TimedEvent {
  type: string;
  data: unknown;
  metadata: { occurredAt: string; recordedAt: string };
}

/**
 * The plan as it stood at `asOf` (business time) as the record stood at `knownAt` (record time), each open when
 * omitted: its stream folded over the events recorded by then whose business time is not after then.
 */
export function planAsOf<E extends TimedEvent>(
  events: readonly E[],
  { asOf, knownAt }: { asOf?: string; knownAt?: string },
): { plan: HelpPlanState; considered: E[] } {
  const considered = events.filter(
    (event) => (!knownAt || event.metadata.recordedAt <= knownAt) && (!asOf || Date.parse(event.metadata.occurredAt) <= Date.parse(asOf)),
  );
  const plan = considered.reduce<HelpPlanState>(
    (state, event) => helpPlanDecider.evolve(state, event as unknown as HelpPlanEvent),
    helpPlanDecider.initialState(),
  );
  return { plan, considered };
}
