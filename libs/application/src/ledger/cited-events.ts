import { DomainError, type Actor } from '@bangfu/domain';
import type { EventStore, RecordedEvent } from '@bangfu/eventstore';
import { leafOf, type ProjectionRunner, type ReadStore } from '@bangfu/projections';
import { OutsideJurisdictionError, withinJurisdiction } from '../access/jurisdiction';

/** A cited event id the log does not hold. */
export class CitedEventNotFoundError extends DomainError {
  readonly code = 'EVENT_NOT_FOUND';
  override readonly kind = 'invalid' as const;
  override readonly fieldErrors: readonly { field: string; message: string }[];

  constructor(eventId: string, field: string) {
    super(`no event ${eventId} in the log`);
    this.fieldErrors = [{ field, message: `no event ${eventId}` }];
  }
}

/**
 * Findings and cases rest on events they cite by id: each must exist in the log and concern a division in the
 * citer's jurisdiction (an event naming no division is the national record, citable by national readers only).
 */
export class CitedEvents {
  constructor(
    private readonly store: EventStore,
    private readonly views: ReadStore,
    private readonly runner: ProjectionRunner,
  ) {}

  /** The cited events, read from their streams, in the order cited. */
  async check(eventIds: readonly string[], actor: Actor, field = 'eventIds'): Promise<RecordedEvent[]> {
    await this.runner.catchUp(30_000);
    const found: RecordedEvent[] = [];
    for (const [i, id] of eventIds.entries()) {
      // A named view query: the ledger's leaves say where an event is and which division it concerns. The views
      // were caught up above, and an id the leaves do not hold is refused, never guessed: a view that lagged can
      // only refuse an event recorded moments ago, not admit one that does not exist.
      const row = leafOf(this.views, id);
      if (!row) {
        throw new CitedEventNotFoundError(id, `${field}[${i}]`);
      }
      const national = actor.regionCode === '000000';
      if (row.subject_region === null ? !national : !withinJurisdiction(actor, row.subject_region)) {
        throw new OutsideJurisdictionError(`event ${id} concerns ${row.subject_region ?? 'no division'}, outside your jurisdiction`);
      }
      const [event] = await this.store.readStream(row.stream_id, { fromRevision: row.revision, maxCount: 1 });
      found.push(event);
    }
    return found;
  }

  /**
   * Where cited events are, for a reader already allowed to see what cites them (a case's grounds): each event's
   * stream, type and both times, or `found: false` for an id the log does not hold.
   */
  async locate(eventIds: readonly string[]) {
    const located = [];
    for (const eventId of eventIds) {
      const row = leafOf(this.views, eventId);
      const [event] = row ? await this.store.readStream(row.stream_id, { fromRevision: row.revision, maxCount: 1 }) : [];
      located.push(
        event
          ? {
              eventId,
              found: true,
              streamId: event.streamId,
              type: event.type,
              occurredAt: event.metadata.occurredAt ?? null,
              recordedAt: event.metadata.recordedAt,
            }
          : { eventId, found: false },
      );
    }
    return located;
  }
}
