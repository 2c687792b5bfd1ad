import {
  householdDecider,
  householdStreamId,
  responsibleAt,
  shanghaiDate,
  villageDecider,
  villageStreamId,
  villageOfHousehold,
} from '@bangfu/domain';
import { handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { householdsRegisteredIn, type ReadStore } from '@bangfu/projections';
import {
  HOUSEHOLD_IDENTIFICATION,
  HOUSEHOLD_REMOVAL,
  WorkflowNotFoundError,
  procedureDecider,
  subjectOfInstance,
  workflowStreamId,
  type HouseholdStartFacts,
  type HouseholdStepFacts,
  type IdentificationStartFacts,
  type VillageStartFacts,
  type VillageStepFacts,
  type WorkflowCommand,
  type WorkflowSubject,
} from '@bangfu/workflow';
import { assertWithinJurisdiction } from '../access/jurisdiction';
import { type RecordFacts } from '../facts/record-facts';
import { recordedRegion } from '../access/recorded-region';

/** The answer to a start: the append, and the id of the case it opened. */
export type ExitStartResult = AppendResult & { exitId: string };

const decider = procedureDecider();

/** The procedures whose subject is a 户编号 that may not be on the register yet: 精准识别 and 剔除. */
const REGISTER_PROCEDURES: readonly string[] = [HOUSEHOLD_IDENTIFICATION, HOUSEHOLD_REMOVAL];

/**
 * Workflow cases (exits, 精准识别, 剔除): reads what the workflow's guards need from the household, village, standard and assessment
 * streams, checks the case lies in the actor's jurisdiction, and lets the runtime decide.
 */
export class ExitCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
    private readonly views: ReadStore,
  ) {}

  async execute(command: WorkflowCommand, metadata: CommandMetadata): Promise<AppendResult> {
    if (command.type === 'StartWorkflow') return this.start(command, metadata);
    return this.act(command, metadata);
  }

  /** Opens a case; the answer names it. */
  async start(command: Extract<WorkflowCommand, { type: 'StartWorkflow' }>, metadata: CommandMetadata): Promise<ExitStartResult> {
    {
      const { kind, id } = command.data.subject;
      // The subject's id names its division: refuse an outsider before reading anything about it.
      assertWithinJurisdiction(metadata.actor, kind === 'household' ? villageOfHousehold(id) : id);
      // What the guards see is the record as of the act's business time (history brought in states a past one).
      const at = command.data.at ?? metadata.now.toISOString();
      const facts = REGISTER_PROCEDURES.includes(command.data.definitionId)
        ? await this.registerStart(id)
        : kind === 'household'
          ? await this.householdStart(id, at)
          : await this.villageStart(id);
      const regionCode = kind === 'household' ? ((facts as Partial<HouseholdStartFacts>).villageCode ?? villageOfHousehold(id)) : id;
      assertWithinJurisdiction(metadata.actor, regionCode);
      const streamId = workflowStreamId(id);
      const recorded = { ...metadata, subjectRegion: regionCode };
      const result = await handleCommand(this.store, streamId, decider, command, recorded, { facts: { regionCode, record: { ...facts } } });
      // The case opened is the stream's latest (a resend under the same Idempotency-Key answers with the first one).
      const after = await loadState(this.store, streamId, decider);
      return { ...result, exitId: `${id}-${after.instances}` };
    }
  }

  private async act(command: Exclude<WorkflowCommand, { type: 'StartWorkflow' }>, metadata: CommandMetadata): Promise<AppendResult> {
    const streamId = workflowStreamId(subjectOfInstance(command.data.instanceId));
    const { state } = await recordedRegion(this.store, streamId, decider, metadata.actor, {
      regionOf: (workflow) => workflow.current?.subject.regionCode,
      notFound: () => new WorkflowNotFoundError(`no case ${command.data.instanceId}`),
    });
    const subject = state.current?.subject;
    const recorded = { ...metadata, subjectRegion: subject?.regionCode };
    if (command.type !== 'ActOnStep') return handleCommand(this.store, streamId, decider, command, recorded);
    // No case yet: nothing to read; the decider answers that the case does not exist.
    const at = new Date(command.data.at ?? metadata.now);
    const facts = !subject
      ? {}
      : subject.kind === 'household'
        ? await this.householdStep(subject, at)
        : await this.villageStep(subject.id, at);
    return handleCommand(this.store, streamId, decider, command, recorded, { facts: { record: { ...facts } } });
  }

  /** Whether the 户编号 is on the register (or was removed from it), and whether the village it names is registered. */
  private async registerStart(householdId: string): Promise<IdentificationStartFacts> {
    const [household, villageRegistered] = await Promise.all([
      loadState(this.store, householdStreamId(householdId), householdDecider),
      this.facts.villageRegistered(villageOfHousehold(householdId)),
    ]);
    return { status: household.status, villageRegistered };
  }

  private async householdStart(householdId: string, at: string): Promise<HouseholdStartFacts> {
    const household = await loadState(this.store, householdStreamId(householdId), householdDecider);
    if (household.status === 'unregistered') {
      return {
        status: 'unregistered',
        exited: false,
        villageCode: null,
        responsibleCadreId: null,
        lastVisitByResponsibleAt: null,
        memberCount: 0,
      };
    }
    return {
      status: household.status,
      exited: household.exited,
      villageCode: household.villageCode,
      responsibleCadreId: responsibleAt(household, at),
      lastVisitByResponsibleAt: household.visits.lastByResponsible(Date.parse(at)),
      memberCount: household.profile.members.length,
    };
  }

  private async householdStep(subject: WorkflowSubject, now: Date): Promise<HouseholdStepFacts> {
    const [household, standard, plan] = await Promise.all([
      loadState(this.store, householdStreamId(subject.id), householdDecider),
      this.facts.exitStandard(subject.regionCode, shanghaiDate(now)),
      this.facts.helpPlan(subject.id, now),
    ]);
    return {
      memberCount: household.status === 'unregistered' ? 0 : household.profile.members.length,
      incomeLine: { fen: standard.incomeLineFen, regionCode: standard.regionCode, version: standard.version },
      plan,
    };
  }

  private async villageStart(villageCode: string): Promise<VillageStartFacts> {
    const [region, village] = await Promise.all([
      this.facts.region(villageCode),
      loadState(this.store, villageStreamId(villageCode), villageDecider),
    ]);
    return { registered: region.registered, isVillage: region.registered && region.level === 'village', exited: village.exitId !== null };
  }

  /**
   * The village's poor population: the households on the register (listed from the registry view), each
   * one's members and exit read from its own stream.
   */
  private async villageStep(villageCode: string, now: Date): Promise<VillageStepFacts> {
    // A named view query: which households the village has is the registry's list; what each one is (registered,
    // exited, its members) is read from its own stream, so the view's lag can only leave out one registered moments ago.
    const listed = householdsRegisteredIn(this.views, villageCode);
    const states = await Promise.all(listed.map((householdId) => loadState(this.store, householdStreamId(householdId), householdDecider)));
    const poorPopulation = states.reduce(
      (sum, state) => sum + (state.status === 'registered' && !state.exited ? state.profile.members.length : 0),
      0,
    );
    const [ruralPopulation, standard] = await Promise.all([
      this.facts.ruralPopulation(villageCode),
      this.facts.exitStandard(villageCode, shanghaiDate(now)),
    ]);
    return {
      ruralPopulation,
      poorPopulation,
      incidenceLimitBp: standard.incidenceLimitBp,
      checklist: { regionCode: standard.regionCode, version: standard.version, items: standard.villageChecklist },
    };
  }
}
