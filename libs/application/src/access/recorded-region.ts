import type { Actor, DomainEvent } from '@bangfu/domain';
import { loadState, type EventStore, type Folding } from '@bangfu/eventstore';
import { assertVisible } from './jurisdiction';

/**
 * The division of an aggregate that names it on its own stream (a fund, a task, a finding, a case, an exit case):
 * read from the stream, and refused to an outsider exactly as an unknown id would be. Undefined while the stream
 * holds nothing yet — the decider then answers that the aggregate does not exist. The one place ten command
 * handlers "find the region, check the jurisdiction" before they decide.
 */
export async function recordedRegion<E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  folding: Folding<E, S>,
  actor: Actor,
  where: { regionOf: (state: S) => string | undefined; notFound: () => Error },
): Promise<{ state: S; regionCode: string | undefined }> {
  const state = await loadState(store, streamId, folding);
  const regionCode = where.regionOf(state);
  if (regionCode) assertVisible(actor, regionCode, where.notFound);
  return { state, regionCode };
}
