/** A folded state of one stream by one decider, as it stood after `revision`. */
interface CachedState {
  decider: object;
  revision: number;
  state: unknown;
}

/** What is kept of one stream: each decider's folded state, and the ids of the events those states fold. */
interface CachedStream {
  /** Nearly always one: an array, since a Map per stream would weigh more than most of the states it keeps. */
  byDecider: CachedState[];
  /** Event ids folded into a kept state: a resend whose events were folded must be answered from the log. */
  ids: Set<string> | undefined;
  /** How many events its largest kept state folds: what the stream weighs against `maxEvents`. */
  events: number;
}

export interface StateCacheOptions {
  /** How many streams' states are kept; the least recently used one is forgotten first. */
  maxStreams?: number;
  /**
   * How many folded events the kept states may stand for together (a state's size grows with its history: a
   * household's five years of visits weigh sixty times its first month); past it the least recently used streams
   * are forgotten, so memory is bounded by history kept, not by streams counted.
   */
  maxEvents?: number;
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
  private readonly maxEvents: number;
  private readonly rememberIds: boolean;
  private events = 0;

  constructor({ maxStreams = 20_000, maxEvents = 100_000, rememberIds = true }: StateCacheOptions = {}) {
    this.maxStreams = maxStreams;
    this.maxEvents = maxEvents;
    this.rememberIds = rememberIds;
  }

  get<S>(streamId: string, decider: object): { revision: number; state: S } | undefined {
    const stream = this.streams.get(streamId);
    if (!stream) return undefined;
    // A Map iterates in insertion order: moving the stream to the end keeps the least recently used first.
    this.streams.delete(streamId);
    this.streams.set(streamId, stream);
    return stream.byDecider.find((kept) => kept.decider === decider) as { revision: number; state: S } | undefined;
  }

  /** Keeps `state` as the stream's after `revision`, `foldedIds` being the events folded since the kept one. */
  set(streamId: string, decider: object, revision: number, state: unknown, foldedIds: readonly string[]): void {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { byDecider: [], ids: this.rememberIds ? new Set() : undefined, events: 0 };
      this.streams.set(streamId, stream);
    }
    const kept = { decider, revision, state: deepFreeze(state) };
    const at = stream.byDecider.findIndex((other) => other.decider === decider);
    if (at < 0) stream.byDecider.push(kept);
    else stream.byDecider[at] = kept;
    for (const id of foldedIds) stream.ids?.add(id);
    const events = Math.max(stream.events, revision + 1);
    this.events += events - stream.events;
    stream.events = events;
    // The stream just kept is the most recently used: it is never the one forgotten, however large.
    while (this.streams.size > 1 && (this.streams.size > this.maxStreams || this.events > this.maxEvents)) this.forgetOldest();
  }

  /** How many streams and folded events are kept. */
  get size(): { streams: number; events: number } {
    return { streams: this.streams.size, events: this.events };
  }

  /** Forgets everything kept of one stream. */
  forget(streamId: string): void {
    const stream = this.streams.get(streamId);
    if (!stream) return;
    this.streams.delete(streamId);
    this.events -= stream.events;
  }

  private forgetOldest(): void {
    this.forget(this.streams.keys().next().value as string);
  }

  /** Whether an event of this id was folded into a kept state of the stream, and so is not among the events a command reads. */
  folded(streamId: string, eventId: string): boolean {
    return this.streams.get(streamId)?.ids?.has(eventId) ?? false;
  }

  /** Forgets every state, so memory stays bounded by the work between two calls (one county, say). */
  clear(): void {
    this.streams.clear();
    this.events = 0;
  }
}

/** Freezes every plain object and array reachable from `value`; a frozen part (kept before, shared) is not walked again. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
