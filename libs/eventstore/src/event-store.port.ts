import type { Actor } from '@bangfu/domain';
import type { VerifyReport } from './chain/verify-chain';
import type { VerifyOptions } from './chain/verify-checkpoints';
import type { StateCache } from './command/state-cache';

/** Metadata the caller supplies; the store adds recordedAt, prevHash and hash. */
export interface EventMetadataInput {
  actor: Actor;
  /** Business time: when it happened, as stated by the user (ISO-8601 UTC). */
  occurredAt: string;
  correlationId: string;
  causationId?: string;
  schemaVersion?: number;
  /** Fingerprint of the request that caused the append, so a reused idempotency key with another body is caught. */
  requestHash?: string;
  /** The division the fact is about (a household's village, a fund's county): jurisdiction filters by it. */
  subjectRegion?: string;
}

export interface EventMetadata extends EventMetadataInput {
  /** Record time, stamped by the store side. */
  recordedAt: string;
  schemaVersion: number;
  prevHash: string;
  hash: string;
}

export interface EventToAppend<T extends string = string, D = unknown> {
  /** A UUID; derive it from an idempotency key to make a resend harmless. */
  id: string;
  type: T;
  data: D;
  metadata: EventMetadataInput;
}

export interface RecordedEvent<T extends string = string, D = unknown> {
  id: string;
  type: T;
  streamId: string;
  /** 0-based index of the event in its stream. */
  revision: number;
  /** Opaque, totally ordered position in the global log. */
  position: number;
  data: D;
  metadata: EventMetadata;
}

/** 'any' skips the check; 'no_stream' requires a new stream; 'stream_exists' any non-empty one; a number is the exact last revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  streamId: string;
  /** Revision of the last event written (or of the original events, for a replayed idempotent append). */
  revision: number;
  /** Global position of the last event written. */
  position: number;
  eventIds: string[];
  /** True when every event id was already in the stream: nothing was appended. */
  duplicate: boolean;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface AllFilter {
  /** Stream categories, the part of a stream id before the first '-'. */
  categories?: string[];
  eventTypes?: string[];
  /** Only events whose subjectRegion starts with this prefix ('' matches events with any region). */
  regionPrefix?: string;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. */
  fromPosition?: number;
  filter?: AllFilter;
  maxCount?: number;
}

export interface SubscribeOptions {
  fromPosition?: number;
  filter?: AllFilter;
}

/** Catch-up then live, one event at a time, in global order. */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): void;
}

export interface EventStore {
  append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): AllSubscription;
  /** Global position of the newest event, 0 for an empty store. */
  headPosition(): Promise<number>;
  /** The event at exactly this global position, if the log holds one there. */
  eventAt(position: number): Promise<RecordedEvent | undefined>;
  /**
   * Recomputes every stream's hash chain from the stored events, checks the columns beside them and the
   * order of each stream's positions, and the given signed checkpoints against the log; names the first break.
   */
  verify(options?: VerifyOptions): Promise<VerifyReport>;
  close(): Promise<void>;
  /** Folded states kept between commands: a command reads only the events after its stream's kept state. */
  readonly stateCache?: StateCache;
  /**
   * Calls `listener` after each append of this connection commits; returns the unregister function. For a store
   * whose subscriptions poll (SQLite): a thread following the log on a connection of its own is told to look.
   */
  onAppended?(listener: () => void): () => void;
  /** Another connection to the same log appended: live subscriptions read now instead of at their next poll. */
  appendedElsewhere?(): void;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}
