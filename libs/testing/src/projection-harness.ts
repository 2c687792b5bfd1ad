import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@bangfu/domain';
import { ReadStore, type Projection } from '@bangfu/projections';
import { recordedEvent } from './recorded-event';

/** An event as a spec states it: its type and data, and where needed its stream, times and actor. */
export interface GivenEvent {
  type: string;
  data: unknown;
  streamId?: string;
  occurredAt?: string;
  /** When the store recorded it; the business time when omitted. */
  recordedAt?: string;
  actor?: Actor;
}

/**
 * given/then for projections, on a real SQLite views file: given events (in log order, each at the next position),
 * then the rows of the projections' tables or a query's answer over them. Every projection sees every event, as
 * the runner feeds them.
 *
 *   const view = projectionSpec([visitFlagsProjection]);
 *   view.given({ type: 'VisitRecorded', data, occurredAt, recordedAt });
 *   expect(view.rows('SELECT type FROM flags')).toEqual([...]);
 */
export function projectionSpec(projections: readonly Projection[]) {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-projection-spec-'));
  const views = new ReadStore(join(dir, 'views.db'));
  for (const projection of projections) {
    views.createGeneration(projection, 1);
    views.switchViews(projection, 1);
  }
  const writers = projections.map((projection) => ({ projection, writer: views.writer(projection, 1) }));
  let position = 0;
  return {
    views,
    given(...events: GivenEvent[]) {
      for (const event of events) {
        position += 1;
        const occurredAt = event.occurredAt ?? '2026-01-01T00:00:00.000Z';
        const recorded = recordedEvent(position, {
          type: event.type,
          data: event.data,
          streamId: event.streamId ?? 'spec-1',
          metadata: { occurredAt, recordedAt: event.recordedAt ?? occurredAt, ...(event.actor ? { actor: event.actor } : {}) },
        });
        for (const { projection, writer } of writers) projection.apply(recorded, writer);
      }
      return this;
    },
    rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
      return views.prepare(sql).all(...params) as T[];
    },
    close() {
      views.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
