/**
 * The columns every red-flag table shares (visit, fund and exit flags alike), so that `GET /flags` reads
 * them all the same way: the flagged household, village and cadre, when it happened, and the event ids it rests on.
 * The inbox reads a page newest first: a county's or a province's page walks `_newest` (or `_by_type` for one type),
 * checking the division from the index alone, and stops after a page; a village's or a township's flags are few and
 * are read through `_by_village` (see `storedFlags`).
 */
export function flagTableSql(table: string): string {
  return `
    CREATE TABLE {${table}} (
      flag_id TEXT PRIMARY KEY, type TEXT NOT NULL, household_id TEXT, village_code TEXT NOT NULL, cadre_id TEXT,
      occurred_at TEXT NOT NULL, period_to TEXT, raised_at TEXT NOT NULL, details TEXT NOT NULL, event_ids TEXT NOT NULL,
      position INTEGER NOT NULL);
    CREATE INDEX {${table}}_by_village ON {${table}} (village_code, type, occurred_at);
    CREATE INDEX {${table}}_newest ON {${table}} (occurred_at, village_code);
    CREATE INDEX {${table}}_by_type ON {${table}} (type, occurred_at, village_code);`;
}
