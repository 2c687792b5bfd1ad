import type { EventStore } from '@bangfu/eventstore';
import { handles, type Projection } from '../projection';
import { logAnchorHolds } from '../store/log-anchor';
import type { ReadStore } from '../store/read-store';

export interface RebuildReport {
  name: string;
  events: number;
  position: number;
  generation: number;
  ms: number;
  /** Of `ms`, the time spent finishing this view once its rows were loaded (its `afterLoad`: indexes, order). */
  finishMs: number;
}

/**
 * Replays the whole log into a fresh generation of each projection's tables, then points the views at it
 * and drops the old tables in one transaction. Until that moment the old generation keeps serving (and
 * keeps being fed by a running API); afterwards the API's runner notices the checkpoint moved back and
 * re-reads whatever was appended during the swap. The log is read once for all the projections: reading
 * and parsing it is most of a rebuild's cost, so each page is applied to every projection in turn.
 */
export async function rebuildProjections(
  store: EventStore,
  views: ReadStore,
  projections: readonly Projection[],
  onProgress?: (name: string, position: number, head: number) => void,
): Promise<RebuildReport[]> {
  const started = Date.now();
  const targets = projections.map((projection) => {
    const previous = views.state(projection.name)?.generation;
    const generation = (previous ?? 0) + 1;
    views.db.transaction(() => {
      views.dropGeneration(projection, generation);
      views.createGeneration(projection, generation, { finish: false });
    })();
    return { projection, previous, generation, writer: views.writer(projection, generation) };
  });
  let position = 0;
  let eventHash: string | null = null;
  let events = 0;
  const head = await store.headPosition();
  const label = projections.length === 1 ? projections[0].name : `${projections.length} views`;
  // Ten pages per transaction: each commit rewrites every B-tree page it touched, and view keys (household,
  // fund) scatter a page's events over many pages, so fewer, larger commits write each page fewer times.
  let pagesInTransaction = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, maxCount: 5000 });
    if (page.length === 0) break;
    if (pagesInTransaction === 0) views.db.exec('BEGIN IMMEDIATE');
    try {
      for (const { projection, writer } of targets)
        for (const event of page) if (handles(projection, event.type)) projection.apply(event, writer);
    } catch (error) {
      views.db.exec('ROLLBACK');
      throw error;
    }
    if (++pagesInTransaction === 10) {
      views.db.exec('COMMIT');
      pagesInTransaction = 0;
    }
    position = page[page.length - 1].position;
    eventHash = page[page.length - 1].metadata.hash;
    events += page.length;
    onProgress?.(label, position, Math.max(head, position));
  }
  if (pagesInTransaction > 0) views.db.exec('COMMIT');
  // One transaction per view: indexing millions of rows holds the write lock for seconds, and a running API's
  // projection runner waits for it (and retries) rather than for all of them at once.
  const finishMs = new Map<string, number>();
  for (const { projection, generation } of targets) {
    const finishing = Date.now();
    views.db.transaction(() => views.finishGeneration(projection, generation)).immediate();
    finishMs.set(projection.name, Date.now() - finishing);
  }
  views.db
    .transaction(() => {
      for (const { projection, generation, previous } of targets) {
        views.switchViews(projection, generation, previous);
        views.saveState({ name: projection.name, version: projection.version, generation, position, eventHash });
      }
    })
    .immediate();
  const ms = Date.now() - started;
  return targets.map(({ projection, generation }) => ({
    name: projection.name,
    events,
    position,
    generation,
    ms,
    finishMs: finishMs.get(projection.name) ?? 0,
  }));
}

/**
 * Creates a projection seen for the first time; rebuilds one whose version changed, or whose checkpoint
 * the log no longer holds (views.db beside an older or another events.db). Returns why each was rebuilt.
 */
export async function prepareProjections(
  store: EventStore,
  views: ReadStore,
  projections: readonly Projection[],
): Promise<{ name: string; reason: string }[]> {
  const outdated: Projection[] = [];
  const reasons: { name: string; reason: string }[] = [];
  for (const projection of projections) {
    const state = views.state(projection.name);
    if (!state) {
      views.db.transaction(() => {
        views.dropGeneration(projection, 1);
        views.createGeneration(projection, 1);
        views.switchViews(projection, 1);
        views.saveState({ name: projection.name, version: projection.version, generation: 1, position: 0, eventHash: null });
      })();
    } else if (state.version !== projection.version) {
      outdated.push(projection);
      reasons.push({ name: projection.name, reason: `version ${state.version} → ${projection.version}` });
    } else if (!(await logAnchorHolds(store, state.position, state.eventHash))) {
      outdated.push(projection);
      reasons.push({ name: projection.name, reason: `the log no longer holds the event at its checkpoint ${state.position}` });
    }
  }
  if (outdated.length) await rebuildProjections(store, views, outdated);
  return reasons;
}
