import { effectiveGoLive, goLiveLevels } from '@bangfu/domain';
import type { ViewWriter } from '../projection';

/**
 * How a village's facts are judged, as the log has declared it so far: not yet while it is onboarding, else
 * from its go-live (the latest over it, its township and its county; null, since registration).
 */
export function judging(view: ViewWriter, villageCode: string): { onboarding: boolean; from: string | null } {
  const levels = goLiveLevels(villageCode);
  const rows = view.all<{ code: string; onboarding: number; go_live_at: string | null }>(
    `SELECT code, onboarding, go_live_at FROM {flag_divisions} WHERE code IN (${levels.map(() => '?').join(', ')})`,
    ...levels,
  );
  const from = effectiveGoLive(rows.map((row) => row.go_live_at));
  return { onboarding: from === null && rows.some((row) => row.code === villageCode && row.onboarding === 1), from };
}
