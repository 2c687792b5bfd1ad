import type { EventMetadataInput } from '../event-store.port';
import { canonicalJson } from './canonical-json';

interface Template {
  source: EventMetadataInput;
  before: Buffer;
  after: Buffer;
}

/**
 * Canonical metadata bytes for the events of one append: stamped with the store's recordedAt and the
 * event's prevHash; `hash`, `prevHash` and `recordedAt` sent by a client are dropped. Commands give all
 * their events one metadata object, and imports one actor object, so both are serialised once per append
 * and only prevHash (the part that differs) is spliced in per event. Caching by identity is safe because
 * one append is encoded synchronously, before anyone could change those objects.
 */
export class MetadataEncoder {
  private readonly actorTexts = new Map<object, string>();
  private template?: Template;

  constructor(private readonly recordedAt: string) {}

  encode(input: EventMetadataInput, prevHash: string): Buffer {
    if (this.template?.source !== input) this.template = { source: input, ...this.split(input) };
    return Buffer.concat([this.template.before, Buffer.from(prevHash, 'latin1'), this.template.after]);
  }

  private split(input: EventMetadataInput): { before: Buffer; after: Buffer } {
    const {
      hash: _hash,
      prevHash: _prev,
      recordedAt: _rec,
      actor,
      ...rest
    } = input as EventMetadataInput & { hash?: unknown; prevHash?: unknown; recordedAt?: unknown };
    const others = canonicalJson({ ...rest, schemaVersion: rest.schemaVersion ?? 1, recordedAt: this.recordedAt, prevHash: '' });
    let text: string;
    if (actor && Object.keys(rest).every((key) => key > 'actor')) {
      // "actor" sorts first, so its (cached) text simply leads the object.
      let actorText = this.actorTexts.get(actor);
      if (actorText === undefined) this.actorTexts.set(actor, (actorText = canonicalJson(actor)));
      text = `{"actor":${actorText},${others.slice(1)}`;
    } else {
      text = canonicalJson({ ...rest, actor, schemaVersion: rest.schemaVersion ?? 1, recordedAt: this.recordedAt, prevHash: '' });
    }
    // Only actor and the ids sort before prevHash, so the last occurrence is the top-level key itself.
    const at = text.lastIndexOf('"prevHash":""') + '"prevHash":"'.length;
    return { before: Buffer.from(text.slice(0, at)), after: Buffer.from(text.slice(at)) };
  }
}
