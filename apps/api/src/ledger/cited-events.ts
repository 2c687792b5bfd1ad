import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@bangfu/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@bangfu/eventstore';
import { ProjectionRunner, ReadStore } from '@bangfu/projections';
import { withinJurisdiction } from '../access/jurisdiction';
import { ProblemException } from '../http/problem';

/**
 * Findings and cases rest on events they cite by id: each must exist in the log and concern a division in the
 * citer's jurisdiction (an event naming no division is the national record, citable by national readers only).
 */
@Injectable()
export class CitedEvents {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly views: ReadStore,
    private readonly runner: ProjectionRunner,
  ) {}

  /** The cited events, read from their streams, in the order cited. */
  async check(eventIds: readonly string[], actor: Actor, field = 'eventIds'): Promise<RecordedEvent[]> {
    await this.runner.catchUp(30_000);
    const found: RecordedEvent[] = [];
    for (const [i, id] of eventIds.entries()) {
      const row = this.views.prepare('SELECT subject_region, stream_id, revision FROM merkle_leaves WHERE event_id = ?').get(id) as
        { subject_region: string | null; stream_id: string; revision: number } | undefined;
      if (!row) {
        throw new ProblemException(422, 'EVENT_NOT_FOUND', `no event ${id} in the log`, [
          { field: `${field}[${i}]`, message: `no event ${id}` },
        ]);
      }
      const national = actor.regionCode === '000000';
      if (row.subject_region === null ? !national : !withinJurisdiction(actor, row.subject_region)) {
        throw new ProblemException(
          403,
          'OUTSIDE_JURISDICTION',
          `event ${id} concerns ${row.subject_region ?? 'no division'}, outside your jurisdiction`,
        );
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
      const row = this.views.prepare('SELECT stream_id, revision FROM merkle_leaves WHERE event_id = ?').get(eventId) as
        { stream_id: string; revision: number } | undefined;
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
