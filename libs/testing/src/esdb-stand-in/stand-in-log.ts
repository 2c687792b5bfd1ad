/**
 * The log behind the EventStoreDB stand-in: streams with revisions, one totally ordered log with byte
 * positions, and EventStoreDB's documented append semantics (expected revision: exact, no_stream, any,
 * stream_exists; WrongExpectedVersion naming the current revision). Like the real server it keeps a
 * best-effort cache of recently written event ids that makes an identical resend a no-op — and, like the
 * real one, loses that cache on restart. Test support only: nothing here is durable.
 */
export interface StandInRecord {
  streamId: string;
  revision: number;
  id: string;
  type: string;
  contentType: string;
  /** Ticks (100 ns) since the Unix epoch, as EventStoreDB stamps `created`. */
  created: bigint;
  data: Buffer;
  customMetadata: Buffer;
  /** Commit and prepare positions are equal for events written without explicit transactions. */
  position: number;
}

export type StandInExpected = { kind: 'revision'; revision: number } | { kind: 'no_stream' } | { kind: 'any' } | { kind: 'stream_exists' };

export type AppendOutcome =
  { ok: true; revision: number; position: number } | { ok: false; current: number | 'no_stream'; expected: StandInExpected };

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Buffer;
  customMetadata: Buffer;
}

const RECORD_HEADER_BYTES = 128;

export class StandInLog {
  readonly records: StandInRecord[] = [];
  private readonly streams = new Map<string, StandInRecord[]>();
  private nextPosition = 0;
  private recentIds = new Map<string, { streamId: string; revision: number; position: number }>();
  private readonly listeners = new Set<(record: StandInRecord) => void>();

  constructor() {
    // A fresh EventStoreDB node writes system events before anyone else; clients must skip them.
    this.write('$settings', [
      {
        id: '00000000-0000-4000-8000-000000000001',
        type: '$settings',
        contentType: 'application/json',
        data: Buffer.from('{}'),
        customMetadata: Buffer.alloc(0),
      },
    ]);
    this.write('$scavenges', [
      {
        id: '00000000-0000-4000-8000-000000000002',
        type: '$scavengeIndexInitialized',
        contentType: 'application/json',
        data: Buffer.from('{}'),
        customMetadata: Buffer.alloc(0),
      },
    ]);
  }

  stream(streamId: string): StandInRecord[] | undefined {
    return this.streams.get(streamId);
  }

  onRecord(listener: (record: StandInRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A server restart: the id cache is gone; the log stays. */
  forgetIdCache(): void {
    this.recentIds = new Map();
  }

  append(streamId: string, expected: StandInExpected, events: ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId);
    const current = stream?.length ? stream.length - 1 : undefined;
    const idempotent = this.idempotentResult(streamId, expected, events);
    if (idempotent) return idempotent;
    const matches =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === undefined) ||
      (expected.kind === 'stream_exists' && current !== undefined) ||
      (expected.kind === 'revision' && expected.revision === current);
    if (!matches) return { ok: false, current: current ?? 'no_stream', expected };
    if (events.length === 0) return { ok: true, revision: current ?? -1, position: this.nextPosition };
    const last = this.write(streamId, events);
    return { ok: true, revision: last.revision, position: last.position };
  }

  private idempotentResult(streamId: string, expected: StandInExpected, events: ProposedEvent[]): AppendOutcome | undefined {
    if (events.length === 0) return undefined;
    const first = this.recentIds.get(events[0].id);
    if (!first || first.streamId !== streamId) return undefined;
    if (expected.kind === 'revision' && expected.revision !== first.revision - 1) return undefined;
    if (expected.kind === 'no_stream' && first.revision !== 0) return undefined;
    const written = this.streams.get(streamId) ?? [];
    const same = events.every((event, i) => written[first.revision + i]?.id === event.id);
    if (!same) return undefined;
    const last = written[first.revision + events.length - 1];
    return { ok: true, revision: last.revision, position: last.position };
  }

  private write(streamId: string, events: ProposedEvent[]): StandInRecord {
    let stream = this.streams.get(streamId);
    if (!stream) this.streams.set(streamId, (stream = []));
    let last: StandInRecord | undefined;
    for (const event of events) {
      last = {
        ...event,
        streamId,
        revision: stream.length,
        created: BigInt(Date.now()) * 10_000n,
        position: this.nextPosition,
      };
      this.nextPosition += RECORD_HEADER_BYTES + event.data.length + event.customMetadata.length;
      stream.push(last);
      this.records.push(last);
      this.recentIds.set(event.id, { streamId, revision: last.revision, position: last.position });
      for (const listener of [...this.listeners]) listener(last);
    }
    return last as StandInRecord;
  }
}
