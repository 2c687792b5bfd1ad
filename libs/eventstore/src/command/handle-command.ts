import { randomUUID } from 'node:crypto';
import { DomainError, type Actor, type Decider, type Decision, type DomainCommand, type DomainEvent, type FactsMap } from '@bangfu/domain';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, EventStore, RecordedEvent } from '../event-store.port';
import { eventIdsFor, nameBasedUuid } from './event-ids';
import { inStreamOrder } from './stream-queue';

export interface CommandMetadata {
  actor: Actor;
  /** Record-side time of the decision (the injectable clock). */
  now: Date;
  /** Business time the command states; defaults to `now`. */
  occurredAt?: string;
  correlationId?: string;
  causationId?: string;
  /** Scoped by the caller (e.g. actor id + header), so two users' keys never collide. */
  idempotencyKey?: string;
  requestHash?: string;
  /** The division the command is about; recorded on its events for jurisdiction. */
  subjectRegion?: string;
}

export class ConcurrencyConflictError extends DomainError {
  readonly code = 'CONCURRENT_MODIFICATION';
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  override readonly kind = 'invalid' as const;
}

export interface HandleCommandOptions {
  /** Re-read and decide again this many times when another writer got there first. */
  maxRetries?: number;
}

/**
 * What a command of type `K` needs beside its intent: the facts its decider names for `K`, or none. A command whose
 * type is not known precisely enough to say (a union mixing types with and without facts) does not compile.
 */
export type WithFactsFor<F, K extends string> = [K] extends [keyof F]
  ? { facts: F[K] }
  : [K] extends [Exclude<K, keyof F>]
    ? { facts?: undefined }
    : never;

/**
 * The whole write path of a command: read the stream, fold it, decide, append at the revision that was
 * read. A conflict means the decision was made on stale state, so it is made again on fresh state.
 * A resend with the same idempotency key finds its own events in the stream and answers as before.
 */
export async function handleCommand<C extends DomainCommand, E extends DomainEvent, S, F extends FactsMap<C>, K extends C['type']>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S, F>,
  command: C & { type: K },
  metadata: CommandMetadata,
  ...[options]: [K] extends [Exclude<K, keyof F>]
    ? [options?: HandleCommandOptions & WithFactsFor<F, K>]
    : [options: HandleCommandOptions & WithFactsFor<F, K>]
): Promise<AppendResult> {
  const { facts, ...rest } = (options ?? {}) as HandleCommandOptions & { facts?: unknown };
  // The one place intent and facts meet: the decider's types say which facts each command type carries.
  const decision = { ...command, facts } as unknown as Decision<C, F>;
  return inStreamOrder(store, streamId, () => decideAndAppend(store, streamId, decider, decision, metadata, rest));
}

async function decideAndAppend<C extends DomainCommand, E extends DomainEvent, S, F extends FactsMap<C>>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S, F>,
  command: Decision<C, F>,
  metadata: CommandMetadata,
  options: HandleCommandOptions,
): Promise<AppendResult> {
  const maxRetries = options.maxRetries ?? 5;
  const correlationId = metadata.correlationId ?? randomUUID();
  for (let attempt = 0; ; attempt++) {
    const { history, state, revision } = await readState(store, streamId, decider);
    const replay = metadata.idempotencyKey ? await replayOf(store, streamId, history, metadata) : undefined;
    if (replay) return replay;

    const context = { now: metadata.now, actor: metadata.actor, ...(metadata.occurredAt ? { occurredAt: metadata.occurredAt } : {}) };
    const newEvents = decider.decide(command, state, context);
    const last = history.at(-1);
    if (newEvents.length === 0) {
      return { streamId, revision, position: last?.position ?? 0, eventIds: [], duplicate: false };
    }
    const ids = eventIdsFor(newEvents.length, metadata.idempotencyKey);
    const eventMetadata = {
      actor: metadata.actor,
      occurredAt: metadata.occurredAt ?? metadata.now.toISOString(),
      correlationId,
      ...(metadata.causationId ? { causationId: metadata.causationId } : {}),
      ...(metadata.requestHash ? { requestHash: metadata.requestHash } : {}),
      ...(metadata.subjectRegion ? { subjectRegion: metadata.subjectRegion } : {}),
    };
    try {
      const result = await store.append(
        streamId,
        newEvents.map((event, i) => ({ id: ids[i], type: event.type, data: event.data, metadata: eventMetadata })),
        revision >= 0 ? revision : 'no_stream',
      );
      keepState(
        store,
        streamId,
        decider,
        result.revision,
        newEvents.reduce((current, event) => decider.evolve(current, event), state),
        result.eventIds,
      );
      return result;
    } catch (error) {
      if (error instanceof DuplicateEventIdError) {
        throw new IdempotencyKeyReusedError('this idempotency key was already used for another request', { eventId: error.eventId });
      }
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= maxRetries) {
        throw new ConcurrencyConflictError(`${streamId} kept changing while the command was decided; try again`, { streamId });
      }
    }
  }
}

/**
 * The answer to a resend: its events, found among those just read or, when a kept state already folded them (the
 * read began after them), in the whole stream.
 */
async function replayOf(
  store: EventStore,
  streamId: string,
  history: RecordedEvent[],
  metadata: CommandMetadata,
): Promise<AppendResult | undefined> {
  const replay = findReplay(history, metadata);
  if (replay || !store.stateCache?.folded(streamId, nameBasedUuid(`${metadata.idempotencyKey}#0`))) return replay;
  return findReplay(await store.readStream(streamId), metadata);
}

function findReplay(history: RecordedEvent[], metadata: CommandMetadata): AppendResult | undefined {
  const key = metadata.idempotencyKey as string;
  const start = history.findIndex((event) => event.id === nameBasedUuid(`${key}#0`));
  if (start < 0) return undefined;
  const mine = [history[start]];
  while (start + mine.length < history.length && history[start + mine.length].id === nameBasedUuid(`${key}#${mine.length}`)) {
    mine.push(history[start + mine.length]);
  }
  const first = mine[0];
  if (first.metadata.requestHash && metadata.requestHash && first.metadata.requestHash !== metadata.requestHash) {
    throw new IdempotencyKeyReusedError('this idempotency key was already used with a different request', { eventId: first.id });
  }
  const last = mine[mine.length - 1];
  return { streamId: last.streamId, revision: last.revision, position: last.position, eventIds: mine.map((e) => e.id), duplicate: true };
}

/** What folds a stream into state: the part of a decider `loadState` needs. */
export type Folding<E extends DomainEvent, S> = Pick<Decider<DomainCommand, E, S>, 'evolve' | 'initialState' | 'isFinal'>;

/** The stream's state and revision: the whole history folded, or a cached state and the events after it. */
async function readState<E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Folding<E, S>,
): Promise<{ history: RecordedEvent[]; state: S; revision: number }> {
  const cached = store.stateCache?.get<S>(streamId, decider);
  const history = await store.readStream(streamId, cached ? { fromRevision: cached.revision + 1 } : {});
  const state = history.reduce((current, event) => decider.evolve(current, event as unknown as E), cached?.state ?? decider.initialState());
  const revision = history.at(-1)?.revision ?? cached?.revision ?? -1;
  if (history.length > 0)
    keepState(
      store,
      streamId,
      decider,
      revision,
      state,
      history.map((event) => event.id),
    );
  return { history, state, revision };
}

/** Keeps the state for the next command, or forgets the stream once its decider calls the state final. */
function keepState<S>(
  store: EventStore,
  streamId: string,
  decider: Folding<never, S>,
  revision: number,
  state: S,
  ids: readonly string[],
): void {
  if (decider.isFinal?.(state)) store.stateCache?.forget(streamId);
  else store.stateCache?.set(streamId, decider, revision, state, ids);
}

/** The current state of one aggregate, for a handler that needs a fact from another stream. */
export async function loadState<E extends DomainEvent, S>(store: EventStore, streamId: string, decider: Folding<E, S>): Promise<S> {
  return (await readState(store, streamId, decider)).state;
}
