/** A folded state of one stream by one decider, as it stood after `revision`. */
interface CachedState {
  revision: number;
  state: unknown;
}

/** What is kept of one stream: each decider's folded state, and the ids of the events those states fold. */
interface CachedStream {
  byDecider: Map<object, CachedState>;
  /** Event ids folded into a kept state: a resend whose events were folded must be answered from the log. */
  ids: Set<string> | undefined;
}

export interface StateCacheOptions {
  /** How many streams' states are kept; the least recently used one is forgotten first. */
  maxStreams?: number;
  /**
   * Whether the ids of folded events are kept, so that a resend finds the events it appended although they are
   * no longer read. Only a store that never sees a resend (the bulk loader) does without them.
   */
  rememberIds?: boolean;
}

/**
 * Folded aggregate states kept between commands, by stream and decider, so that a command reads and folds
 * only the events after the kept state's revision instead of the whole history. That read always goes to the
 * store, so another writer's events (a second API node, the CLI) are folded in, and an append still carries the
 * revision it decided on: a state is never trusted beyond what the log confirms. Deciders' evolve functions
 * return new states and never change the one they are given, which is what makes a kept state safe to reuse;
 * kept states are frozen, so code that changed one anyway would fail where it does instead of corrupting the next
 * command's decision.
 */
export class StateCache {
  private readonly streams = new Map<string, CachedStream>();
  private readonly maxStreams: number;
  private readonly rememberIds: boolean;

  constructor({ maxStreams = 20_000, rememberIds = true }: StateCacheOptions = {}) {
    this.maxStreams = maxStreams;
    this.rememberIds = rememberIds;
  }

  get<S>(streamId: string, decider: object): { revision: number; state: S } | undefined {
    const stream = this.streams.get(streamId);
    if (!stream) return undefined;
    // A Map iterates in insertion order: moving the stream to the end keeps the least recently used first.
    this.streams.delete(streamId);
    this.streams.set(streamId, stream);
    return stream.byDecider.get(decider) as { revision: number; state: S } | undefined;
  }

  /** Keeps `state` as the stream's after `revision`, `foldedIds` being the events folded since the kept one. */
  set(streamId: string, decider: object, revision: number, state: unknown, foldedIds: readonly string[]): void {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { byDecider: new Map(), ids: this.rememberIds ? new Set() : undefined };
      this.streams.set(streamId, stream);
      if (this.streams.size > this.maxStreams) this.streams.delete(this.streams.keys().next().value as string);
    }
    stream.byDecider.set(decider, { revision, state: deepFreeze(state) });
    for (const id of foldedIds) stream.ids?.add(id);
  }

  /** Whether an event of this id was folded into a kept state of the stream, and so is not among the events a command reads. */
  folded(streamId: string, eventId: string): boolean {
    return this.streams.get(streamId)?.ids?.has(eventId) ?? false;
  }

  /** Forgets every state, so memory stays bounded by the work between two calls (one county, say). */
  clear(): void {
    this.streams.clear();
  }
}

/** Freezes every plain object and array reachable from `value`; a frozen part (kept before, shared) is not walked again. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
