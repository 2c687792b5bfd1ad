import type { RecordedEvent } from '@bangfu/eventstore';
import { handles, type Projection } from '../projection';
import type { ReadStore } from '../store/read-store';

/**
 * Applies a batch to every projection and moves each checkpoint, in one transaction: an event takes
 * effect exactly once even if the process dies mid-batch. Events at or before a projection's checkpoint
 * are skipped, which is what makes a replay after a crash or a rewind harmless.
 * Returns false when some view's checkpoint lies behind `cursor` — another process rebuilt it — so the
 * caller must re-read from there.
 */
export function applyBatch(views: ReadStore, projections: readonly Projection[], events: RecordedEvent[], cursor: number): boolean {
  const last = events[events.length - 1].position;
  const lastHash = events[events.length - 1].metadata.hash;
  let consistent = true;
  views.db
    .transaction(() => {
      for (const projection of projections) {
        const state = views.state(projection.name);
        if (!state) throw new Error(`projection ${projection.name} has no state: it was never created`);
        if (state.position < cursor) {
          consistent = false;
          continue;
        }
        const writer = views.writer(projection, state.generation);
        for (const event of events) if (event.position > state.position && handles(projection, event.type)) projection.apply(event, writer);
        if (last > state.position) views.setPosition(projection.name, last, lastHash);
      }
    })
    .immediate();
  return consistent;
}
