import { codesUnder, effectiveGoLive, goLiveLevels, regionPrefix, type RegionEvent } from '@bangfu/domain';
import type { Projection } from '../projection';
import type { ReadStore } from '../store/read-store';

export interface RegionRow {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  registered_at: string;
  recorded_at: string;
  go_live_on: string | null;
  go_live_at: string | null;
  onboarding: number;
}

/** The region tree, for lookups and for listing a region's divisions. */
export const regionsProjection: Projection = {
  name: 'regions',
  // v2: onboarding (迁移中) and the go-live date (上线日期) a division declared.
  version: 2,
  eventTypes: ['RegionRegistered', 'RegionRenamed', 'GoLiveDeclared'],
  tables: ['regions'],
  schema: `
    CREATE TABLE {regions} (
      code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT,
      registered_at TEXT NOT NULL, recorded_at TEXT NOT NULL, go_live_on TEXT, go_live_at TEXT,
      onboarding INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX {regions}_by_parent ON {regions} (parent_code, code);`,
  apply(event, view) {
    const region = event as unknown as RegionEvent;
    switch (region.type) {
      case 'RegionRegistered':
        view.run(
          'INSERT INTO {regions} (code, name, level, parent_code, registered_at, recorded_at, onboarding) VALUES (?, ?, ?, ?, ?, ?, ?)',
          region.data.code,
          region.data.name,
          region.data.level,
          region.data.parentCode,
          event.metadata.occurredAt,
          event.metadata.recordedAt,
          region.data.onboarding ? 1 : 0,
        );
        return;
      case 'RegionRenamed':
        view.run('UPDATE {regions} SET name = ? WHERE code = ?', region.data.name, region.data.code);
        return;
      case 'GoLiveDeclared':
        view.run(
          'UPDATE {regions} SET go_live_on = ?, go_live_at = ? WHERE code = ?',
          region.data.goLiveOn,
          region.data.goLiveAt,
          region.data.code,
        );
        return;
      default:
        return;
    }
  },
};

/**
 * How a division is judged, as the view knows it: from the latest go-live of it, its township and its county
 * (`judgedFrom`; null, since registration), or not yet at all while its history is being entered (`onboarding`).
 */
export function judgingOf(views: ReadStore, code: string): { onboarding: boolean; judgedFrom: string | null } {
  const levels = goLiveLevels(code);
  const rows = views
    .prepare(`SELECT code, go_live_at, onboarding FROM regions WHERE code IN (${levels.map(() => '?').join(', ')})`)
    .all(...levels) as { code: string; go_live_at: string | null; onboarding: number }[];
  const judgedFrom = effectiveGoLive(rows.map((row) => row.go_live_at));
  const registeredOnboarding = rows.find((row) => row.code === code)?.onboarding === 1;
  return { onboarding: registeredOnboarding && judgedFrom === null, judgedFrom };
}

/** The villages in a division registered as onboarding (whether or not a go-live has brought them out of it since). */
export function onboardingVillagesUnder(views: ReadStore, code: string): { code: string; registeredAt: string }[] {
  return views
    .prepare(
      `SELECT code, registered_at AS registeredAt FROM regions
       WHERE code >= ? AND code < ? AND level = 'village' AND onboarding = 1 ORDER BY code`,
    )
    .all(...codesUnder(regionPrefix(code))) as { code: string; registeredAt: string }[];
}

/**
 * Whether the go-live declared on `declaredOn` is what brought the division (a village, or a county whose own
 * record, such as its tasks, waits) out of onboarding: it was registered onboarding and no other go-live applied to it.
 */
export function releasedBy(views: ReadStore, code: string, declaredOn: string): boolean {
  const row = views.prepare('SELECT onboarding FROM regions WHERE code = ?').get(code) as { onboarding: number } | undefined;
  if (row?.onboarding !== 1) return false;
  const others = goLiveLevels(code).filter((level) => level !== declaredOn);
  if (others.length === 0) return true;
  const earlier = views
    .prepare(`SELECT 1 FROM regions WHERE code IN (${others.map(() => '?').join(', ')}) AND go_live_at IS NOT NULL`)
    .get(...others);
  return earlier === undefined;
}
