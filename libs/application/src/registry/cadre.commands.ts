import {
  CadreNotFoundError,
  CadreRecalledError,
  cadreDecider,
  cadreStreamId,
  currentAssignment,
  householdDecider,
  householdStreamId,
  type CadreCommand,
} from '@bangfu/domain';
import { handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { householdsHeldBy, type ProjectionRunner, type ReadStore } from '@bangfu/projections';
import type { ProcessManagerRunner } from '@bangfu/workflow';

/**
 * The process runner of this node, once it runs (it dispatches through the router these services make up, so it
 * is made after them); absent where no process runs (an importer, a commands-only writer).
 */
export type RunningProcesses = () => Pick<ProcessManagerRunner, 'isRunning' | 'waitFor'> | undefined;
import { assertVisible, assertWithinJurisdiction } from '../access/jurisdiction';
import { type RecordFacts } from '../facts/record-facts';

export class CadreCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
    private readonly views: ReadStore,
    private readonly projections: ProjectionRunner,
    private readonly processes: RunningProcesses,
  ) {}

  async execute(command: CadreCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const streamId = cadreStreamId(command.data.cadreId);
    if (command.type === 'RegisterCadre') {
      const unit = await this.facts.unit(command.data.unitId);
      const facts = { registered: unit.registered, regionCode: unit.registered ? unit.regionCode : null };
      assertWithinJurisdiction(metadata.actor, facts.regionCode);
      const recorded = { ...metadata, subjectRegion: facts.regionCode ?? undefined };
      return handleCommand(this.store, streamId, cadreDecider, command, recorded, { facts: { unit: facts } });
    }
    return command.type === 'RecallCadre' ? this.recall(command, metadata) : this.complete(command, metadata);
  }

  /**
   * 召回, first step: the plan (every household the cadre holds, each to a registered successor) is decided and
   * recorded as requested on the cadre's stream — one append, so a bad plan appends nothing and a good one is
   * never half-recorded. The recall process then hands each household over and completes the recall; it resumes
   * after a crash from its checkpoint. While it runs in this node, the answer waits for it (bounded), so the
   * caller reads the households handed over.
   */
  private async recall(command: Extract<CadreCommand, { type: 'RecallCadre' }>, metadata: CommandMetadata): Promise<AppendResult> {
    const cadre = await this.facts.cadre(command.data.cadreId);
    const notFound = () => new CadreNotFoundError(`cadre ${command.data.cadreId} is not registered`);
    if (cadre.registered && cadre.regionCode) assertVisible(metadata.actor, cadre.regionCode, notFound);
    // A named view query: the households a cadre holds, from the registry view caught up with the log. The plan
    // it checks is recorded with the request, so what the recall covered is on the record whatever the view.
    await this.projections.catchUp(10_000);
    const heldHouseholds = householdsHeldBy(this.views, command.data.cadreId);
    for (const { successorId } of command.data.handovers) {
      const successor = await this.facts.cadre(successorId);
      if (!successor.registered) throw new CadreNotFoundError(`successor ${successorId} is not registered`, { field: 'handovers' });
      if (successor.recalled) throw new CadreRecalledError(`successor ${successorId} was recalled`, { field: 'handovers' });
    }
    const recorded = { ...metadata, subjectRegion: cadre.registered ? cadre.regionCode : undefined };
    const result = await handleCommand(this.store, cadreStreamId(command.data.cadreId), cadreDecider, command, recorded, {
      facts: { heldHouseholds },
    });
    const processes = this.processes();
    if (!processes?.isRunning) return result;
    // Recorded either way: a process far behind (a node catching up) finishes the handovers after the answer.
    const done = await processes.waitFor(result.position, 30_000).then(
      () => true,
      () => false,
    );
    return done ? { ...result, position: await this.store.headPosition() } : result;
  }

  /** 召回, last step: complete once none of the plan's households is still held by the recalled cadre. */
  private async complete(command: Extract<CadreCommand, { type: 'CompleteCadreRecall' }>, metadata: CommandMetadata) {
    const streamId = cadreStreamId(command.data.cadreId);
    const cadre = await loadState(this.store, streamId, cadreDecider);
    const plan = cadre.registered ? (cadre.pendingRecall?.handovers ?? []) : [];
    const households = await Promise.all(
      plan.map(({ householdId }) => loadState(this.store, householdStreamId(householdId), householdDecider)),
    );
    const stillHeld = plan
      .filter((_, i) => {
        const household = households[i];
        return household.status !== 'unregistered' && currentAssignment(household)?.cadreId === command.data.cadreId;
      })
      .map(({ householdId }) => householdId);
    const recorded = { ...metadata, subjectRegion: cadre.registered ? cadre.regionCode : undefined };
    return handleCommand(this.store, streamId, cadreDecider, command, recorded, { facts: { stillHeld } });
  }
}
