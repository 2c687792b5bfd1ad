import type { AccessEvent } from '@bangfu/domain';
import type { Projection } from '../projection';

export interface AccessLogRow {
  position: number;
  recorded_at: string;
  actor_id: string;
  actor_name: string | null;
  actor_roles: string;
  actor_region: string | null;
  outcome: 'refused' | 'read' | 'revealed' | 'issued' | 'exported';
  action: string | null;
  method: string | null;
  path: string | null;
  code: string | null;
  region: string | null;
  detail: string;
}

/** Who was refused what, and who read or revealed whose personal data: the auditors' view of the access log. */
export const accessLogProjection: Projection = {
  name: 'access_log',
  version: 1,
  eventTypes: ['AccessRefused', 'PersonalDataRead', 'PersonalDataRevealed', 'DemoTokenIssued', 'TableExported'],
  tables: ['access_log'],
  schema: `
    CREATE TABLE {access_log} (
      position INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT,
      actor_roles TEXT NOT NULL, actor_region TEXT, outcome TEXT NOT NULL, action TEXT, method TEXT, path TEXT,
      code TEXT, region TEXT, detail TEXT NOT NULL);
    CREATE INDEX {access_log}_by_actor ON {access_log} (actor_id, position);
    CREATE INDEX {access_log}_by_time ON {access_log} (recorded_at);`,
  apply(event, view) {
    const access = event as unknown as AccessEvent;
    const outcome = {
      AccessRefused: 'refused',
      PersonalDataRead: 'read',
      PersonalDataRevealed: 'revealed',
      DemoTokenIssued: 'issued',
      TableExported: 'exported',
    }[access.type as string];
    if (!outcome || !event.streamId.startsWith('access-')) return;
    const { actor } = event.metadata;
    const data = access.data as Partial<Record<'action' | 'method' | 'path' | 'code', string>>;
    view.run(
      `INSERT INTO {access_log} (position, recorded_at, actor_id, actor_name, actor_roles, actor_region, outcome, action, method, path, code, region, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      event.position,
      event.metadata.recordedAt,
      actor.id,
      actor.name ?? null,
      actor.roles.join(','),
      actor.regionCode ?? null,
      outcome,
      data.action ?? null,
      data.method ?? null,
      data.path ?? null,
      data.code ?? null,
      event.metadata.subjectRegion ?? null,
      JSON.stringify(access.data),
    );
  },
};
