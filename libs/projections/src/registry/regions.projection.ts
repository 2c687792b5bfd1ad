import type { RegionEvent } from '@bangfu/domain';
import type { Projection } from '../projection';

export interface RegionRow {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  registered_at: string;
  recorded_at: string;
}

/** The region tree, for lookups and for listing a region's divisions. */
export const regionsProjection: Projection = {
  name: 'regions',
  version: 1,
  tables: ['regions'],
  schema: `
    CREATE TABLE {regions} (
      code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT,
      registered_at TEXT NOT NULL, recorded_at TEXT NOT NULL);
    CREATE INDEX {regions}_by_parent ON {regions} (parent_code, code);`,
  apply(event, view) {
    const region = event as unknown as RegionEvent;
    switch (region.type) {
      case 'RegionRegistered':
        view.run(
          'INSERT INTO {regions} (code, name, level, parent_code, registered_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
          region.data.code,
          region.data.name,
          region.data.level,
          region.data.parentCode,
          event.metadata.occurredAt,
          event.metadata.recordedAt,
        );
        return;
      case 'RegionRenamed':
        view.run('UPDATE {regions} SET name = ? WHERE code = ?', region.data.name, region.data.code);
        return;
      default:
        return;
    }
  },
};
