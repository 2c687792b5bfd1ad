import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { checkExpectedRevision, validateAppend } from '../append-rules';
import { canonicalJson } from '../chain/canonical-json';
import { StateCache } from '../command/state-cache';
import { GENESIS_HASH, eventHash } from '../chain/hash-chain';
import { MetadataEncoder } from '../chain/metadata-encoder';
import { ChainVerifier, type VerifyReport } from '../chain/verify-chain';
import { CheckpointChecker, type VerifyOptions } from '../chain/verify-checkpoints';
import { WrongExpectedRevisionError } from '../errors';
import {
  categoryOf,
  type AllFilter,
  type AllSubscription,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '../event-store.port';

export interface EsdbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, or `esdb+discover://node1:2113,node2:2113,node3:2113` for a cluster. */
  connectionString: string;
  /** Stamps recordedAt (the bangfu node's clock: the hash covers it, so it is fixed before the write). */
  now?: () => Date;
  /** How many of a stream's newest events are searched for a resent event id. */
  replayWindow?: number;
}

const PAGE = 500;
const MAX_ATTEMPTS = 10;

/**
 * The EventStore port on EventStoreDB/KurrentDB, through `@eventstore/db-client` over gRPC. The hash chain
 * and recordedAt are computed here exactly as on SQLite, and the hash is kept in the event's metadata, so
 * `bangfu verify` checks both the same way. Positions are $all commit positions (equal to the prepare
 * position for events written without explicit transactions). A resend is recognised by its event ids in
 * the stream itself, never by the server's best-effort id cache, which a restart empties.
 */
export class EsdbEventStore implements EventStore {
  /** Folded states between commands: each command reads only the events after its stream's kept state. */
  readonly stateCache = new StateCache();
  private readonly client: EventStoreDBClient;
  private readonly now: () => Date;
  private readonly replayWindow: number;

  constructor(options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.now = options.now ?? (() => new Date());
    this.replayWindow = options.replayWindow ?? 32;
  }

  async append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expectedRevision);
    const data = events.map((event) => canonicalJson(event.data));
    for (let attempt = 0; ; attempt++) {
      const recent = await this.readStream(streamId, { direction: 'backwards', maxCount: events.length + this.replayWindow });
      const replay = replayedAppend(streamId, recent, events);
      if (replay) return replay;
      const head = recent[0];
      checkExpectedRevision(streamId, expectedRevision, head?.revision);

      const encoder = new MetadataEncoder(this.now().toISOString());
      let prevHash = head?.metadata.hash ?? GENESIS_HASH;
      let revision = head?.revision ?? -1;
      const proposed = events.map((event, i) => {
        revision++;
        const metadata = encoder.encode(event.metadata, prevHash);
        const hash = eventHash({ prevHash, id: event.id, streamId, revision, type: event.type, data: Buffer.from(data[i]), metadata });
        prevHash = hash;
        // Stored with its hash; verify drops `hash` again and re-canonicalises what is left.
        const stored = Buffer.from(`${metadata.subarray(0, metadata.length - 1).toString('utf8')},"hash":"${hash}"}`, 'utf8');
        return jsonEvent({ id: event.id, type: event.type, data: JSON.parse(data[i]), metadata: stored });
      });
      try {
        const result = await this.client.appendToStream(streamId, proposed, {
          expectedRevision: head ? BigInt(head.revision) : NO_STREAM,
        });
        return {
          streamId,
          revision: Number(result.nextExpectedRevision),
          position: Number(result.position?.commit ?? -1),
          eventIds: events.map((event) => event.id),
          duplicate: false,
        };
      } catch (error) {
        // Someone wrote between our read and our append: the chain must be rebuilt on the new head.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt + 1 >= MAX_ATTEMPTS)
          throw new WrongExpectedRevisionError(streamId, String(expectedRevision), head?.revision ?? 'no_stream');
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        out.push(toRecordedEvent(resolved));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const matches = clientFilter(options.filter);
    const out: RecordedEvent[] = [];
    let after = options.fromPosition ?? 0;
    for (;;) {
      // Reading $all from a position includes the event there; our port's fromPosition excludes it.
      const page: AllStreamResolvedEvent[] = [];
      for await (const resolved of this.client.readAll({ fromPosition: positionAt(after), maxCount: PAGE })) page.push(resolved);
      const fresh = page.filter((resolved) => Number(resolved.event?.position?.commit ?? -1) > after);
      for (const resolved of fresh) {
        if (isSystem(resolved)) continue;
        const event = toRecordedEvent(resolved);
        if (!matches(event)) continue;
        out.push(event);
        if (out.length >= maxCount) return out;
      }
      if (page.length < PAGE || fresh.length === 0) return out;
      after = Number(fresh[fresh.length - 1].event?.position?.commit);
    }
  }

  async eventAt(position: number): Promise<RecordedEvent | undefined> {
    if (position <= 0) return undefined;
    // Read to the end of the (one-event) answer: leaving the stream early leaves the call open.
    const page: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({ fromPosition: positionAt(position), maxCount: 1 })) page.push(resolved);
    const [first] = page;
    return first && Number(first.event?.position?.commit ?? -1) === position && !isSystem(first) ? toRecordedEvent(first) : undefined;
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    const subscription = this.client.subscribeToAll({
      fromPosition: positionAt(options.fromPosition ?? 0),
      filter: serverFilter(options.filter),
    });
    const source = subscription[Symbol.asyncIterator]();
    const matches = clientFilter(options.filter);
    const from = options.fromPosition ?? 0;
    // A cancelled gRPC stream does not always end the client's readable: closing must end the iteration itself.
    let signalClosed: () => void = () => undefined;
    const closed = new Promise<IteratorReturnResult<undefined>>(
      (resolve) => (signalClosed = () => resolve({ done: true, value: undefined })),
    );
    async function* events(): AsyncGenerator<RecordedEvent> {
      for (;;) {
        const next = await Promise.race([source.next(), closed]);
        if (next.done) return;
        const resolved = next.value as AllStreamResolvedEvent;
        if (isSystem(resolved)) continue;
        const event = toRecordedEvent(resolved);
        if (event.position > from && matches(event)) yield event;
      }
    }
    const iterator = events();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: () => {
        signalClosed();
        void subscription.unsubscribe().catch(() => undefined);
      },
    };
  }

  async headPosition(): Promise<number> {
    // Small pages read to their end: a read stream left half-consumed stays open on the server.
    let from: typeof END | { commit: bigint; prepare: bigint } = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = [];
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: 32 })) page.push(resolved);
      // Reading backwards from a position includes the event there: the one the previous page ended on.
      const after: bigint | undefined = from === END ? undefined : from.commit;
      const fresh: AllStreamResolvedEvent[] = page.filter((resolved) => resolved.event?.position?.commit !== after);
      const found: AllStreamResolvedEvent | undefined = fresh.find((resolved) => !isSystem(resolved));
      if (found) return Number(found.event?.position?.commit ?? 0);
      const last: { commit: bigint; prepare: bigint } | undefined = fresh.at(-1)?.event?.position;
      if (page.length < 32 || !last) return 0;
      from = last;
    }
  }

  /** Walks $all in log order; the stored JSON is canonicalised again, so the same bytes are hashed as on SQLite. */
  /** One pass over `$all` in log order: every stream's chain, and the signed checkpoints against the log's leaves. */
  async verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    const verifier = new ChainVerifier();
    const checkpoints = new CheckpointChecker(options);
    const counted = (report: VerifyReport): VerifyReport => ({ ...report, checkpoints: checkpoints.checked });
    const signatures = checkpoints.signatures();
    if (signatures) return counted(verifier.report(signatures));
    let after = 0;
    for (;;) {
      const page = await this.readAll({ fromPosition: after, maxCount: PAGE });
      for (const event of page) {
        const { hash, ...metadata } = event.metadata;
        const broken =
          verifier.accept({
            position: event.position,
            id: event.id,
            streamId: event.streamId,
            revision: event.revision,
            type: event.type,
            data: Buffer.from(canonicalJson(event.data)),
            metadata: Buffer.from(canonicalJson(metadata)),
            hash,
          }) ?? checkpoints.accept(hash, event.position);
        if (broken) return counted(verifier.report(broken));
      }
      if (page.length < PAGE) return counted(verifier.report(checkpoints.finish()));
      after = page[page.length - 1].position;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function positionAt(position: number): typeof START | { commit: bigint; prepare: bigint } {
  return position > 0 ? { commit: BigInt(position), prepare: BigInt(position) } : START;
}

function isSystem(resolved: ResolvedEvent): boolean {
  const event = resolved.event;
  return !event || event.streamId.startsWith('$') || event.type.startsWith('$');
}

function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('a resolved event without its event');
  const data = event.isJson ? event.data : JSON.parse(Buffer.from(event.data as Uint8Array).toString('utf8'));
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: Number(event.position?.commit ?? (resolved as { commitPosition?: bigint }).commitPosition ?? -1),
    data,
    metadata: event.metadata as unknown as EventMetadata,
  };
}

/** The same events were stored already (a resend): answer as the first time. */
function replayedAppend(streamId: string, newestFirst: RecordedEvent[], events: EventToAppend[]): AppendResult | undefined {
  const at = newestFirst.findIndex((event) => event.id === events[0].id);
  if (at < 0) return undefined;
  const stored = newestFirst.slice(0, at + 1).reverse();
  if (!events.every((event, i) => stored[i]?.id === event.id)) return undefined;
  const last = stored[events.length - 1];
  return { streamId, revision: last.revision, position: last.position, eventIds: events.map((e) => e.id), duplicate: true };
}

/** EventStoreDB filters on stream name or on event type, not both: the narrower goes to the server. */
function serverFilter(filter: AllFilter | undefined) {
  if (filter?.categories?.length) return streamNameFilter({ prefixes: filter.categories.map((category) => `${category}-`) });
  if (filter?.eventTypes?.length) return eventTypeFilter({ regex: `^(${filter.eventTypes.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

function clientFilter(filter: AllFilter | undefined): (event: RecordedEvent) => boolean {
  return (event) =>
    (!filter?.categories?.length || filter.categories.includes(categoryOf(event.streamId))) &&
    (!filter?.eventTypes?.length || filter.eventTypes.includes(event.type)) &&
    (filter?.regionPrefix === undefined || (event.metadata.subjectRegion?.startsWith(filter.regionPrefix) ?? false));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
