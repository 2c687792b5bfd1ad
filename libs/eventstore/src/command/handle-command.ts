import { randomUUID } from 'node:crypto';
import { DomainError, type Actor, type Decider, type DomainCommand, type DomainEvent } from '@bangfu/domain';
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
 * The whole write path of a command: read the stream, fold it, decide, append at the revision that was
 * read. A conflict means the decision was made on stale state, so it is made again on fresh state.
 * A resend with the same idempotency key finds its own events in the stream and answers as before.
 */
export async function handleCommand<C extends DomainCommand, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  metadata: CommandMetadata,
  options: HandleCommandOptions = {},
): Promise<AppendResult> {
  return inStreamOrder(store, streamId, () => decideAndAppend(store, streamId, decider, command, metadata, options));
}

async function decideAndAppend<C extends DomainCommand, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  metadata: CommandMetadata,
  options: HandleCommandOptions,
): Promise<AppendResult> {
  const maxRetries = options.maxRetries ?? 5;
  const correlationId = metadata.correlationId ?? randomUUID();
  for (let attempt = 0; ; attempt++) {
    const history = await store.readStream(streamId);
    const replay = metadata.idempotencyKey ? findReplay(history, metadata) : undefined;
    if (replay) return replay;

    const state = fold(history, decider);
    const newEvents = decider.decide(command, state, { now: metadata.now, actor: metadata.actor });
    const last = history.at(-1);
    if (newEvents.length === 0) {
      return { streamId, revision: last?.revision ?? -1, position: last?.position ?? 0, eventIds: [], duplicate: false };
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
      return await store.append(
        streamId,
        newEvents.map((event, i) => ({ id: ids[i], type: event.type, data: event.data, metadata: eventMetadata })),
        last ? last.revision : 'no_stream',
      );
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

function fold<E extends DomainEvent, S>(history: RecordedEvent[], decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>): S {
  return history.reduce((current, event) => decider.evolve(current, event as unknown as E), decider.initialState());
}

/** The current state of one aggregate, for a handler that needs a fact from another stream. */
export async function loadState<E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>,
): Promise<S> {
  return fold(await store.readStream(streamId), decider);
}
