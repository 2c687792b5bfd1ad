import { InvalidAppendError, WrongExpectedRevisionError } from './errors';
import type { EventToAppend, ExpectedRevision } from './event-store.port';

const STREAM_ID = /^[a-z][a-z0-9_]*-[^\s]{1,200}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Checks that apply to every adapter, before anything touches storage. */
export function validateAppend(streamId: string, events: EventToAppend[], expected: ExpectedRevision): void {
  if (!STREAM_ID.test(streamId)) throw new InvalidAppendError(`stream id "${streamId}" is not <category>-<id>`);
  if (events.length === 0) throw new InvalidAppendError('an append needs at least one event');
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(`expected revision ${expected} is not a revision`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new InvalidAppendError(`event id "${event.id}" is not a lower-case UUID`);
    if (ids.has(event.id)) throw new InvalidAppendError(`event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    if (!/^[A-Z][A-Za-z0-9]*$/.test(event.type)) throw new InvalidAppendError(`event type "${event.type}" is not PascalCase`);
    const { actor, occurredAt, correlationId } = event.metadata ?? {};
    if (!actor?.id) throw new InvalidAppendError('event metadata must name its actor');
    if (!occurredAt || Number.isNaN(Date.parse(occurredAt))) throw new InvalidAppendError('event metadata needs occurredAt');
    if (!correlationId) throw new InvalidAppendError('event metadata needs a correlationId');
  }
}

/** `current` is the stream's last revision, undefined when the stream does not exist. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: number | undefined): void {
  const actual = current ?? 'no_stream';
  if (expected === 'any') return;
  if (expected === 'no_stream' && current === undefined) return;
  if (expected === 'stream_exists' && current !== undefined) return;
  if (typeof expected === 'number' && expected === current) return;
  throw new WrongExpectedRevisionError(streamId, String(expected), actual);
}
