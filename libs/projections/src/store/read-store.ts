import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Projection, ViewSql, ViewWriter } from '../projection';

export interface ProjectionState {
  name: string;
  version: number;
  generation: number;
  position: number;
  /** The chain hash of the event at `position`: which log the view was built from (null before it was kept). */
  eventHash: string | null;
  updatedAt: string;
}

const STATE_COLUMNS = 'name, version, generation, position, event_hash AS eventHash, updated_at AS updatedAt';

/**
 * The read side's own SQLite file (`views.db`). Every view can be rebuilt from the log, so it runs with
 * synchronous=NORMAL: a crash may lose the last batches, but each batch and its checkpoint commit
 * together, so what survives is always consistent and the runner resumes exactly after it.
 */
export class ReadStore {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    // Views are many indexes written in key order of their own (household, fund, position), not of the log:
    // with SQLite's 2 MB default cache a rebuild at a million events spent its time re-reading B-tree pages.
    this.db.pragma('cache_size = -131072');
    this.db.exec(`CREATE TABLE IF NOT EXISTS projection_state (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, generation INTEGER NOT NULL,
      position INTEGER NOT NULL, updated_at TEXT NOT NULL, event_hash TEXT)`);
    addColumnIfMissing(this.db, 'projection_state', 'event_hash TEXT');
  }

  state(name: string): ProjectionState | undefined {
    return this.prepare(`SELECT ${STATE_COLUMNS} FROM projection_state WHERE name = ?`).get(name) as ProjectionState | undefined;
  }

  allStates(): ProjectionState[] {
    return this.prepare(`SELECT ${STATE_COLUMNS} FROM projection_state ORDER BY name`).all() as ProjectionState[];
  }

  saveState(state: Omit<ProjectionState, 'updatedAt'>): void {
    this.prepare(
      `INSERT INTO projection_state (name, version, generation, position, event_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET version = excluded.version, generation = excluded.generation,
         position = excluded.position, event_hash = excluded.event_hash, updated_at = excluded.updated_at`,
    ).run(state.name, state.version, state.generation, state.position, state.eventHash, new Date().toISOString());
  }

  setPosition(name: string, position: number, eventHash: string): void {
    this.prepare('UPDATE projection_state SET position = ?, event_hash = ?, updated_at = ? WHERE name = ?').run(
      position,
      eventHash,
      new Date().toISOString(),
      name,
    );
  }

  /** Creates one generation's tables, finished at once unless a rebuild will finish them once loaded. */
  createGeneration(projection: Projection, generation: number, { finish = true } = {}): void {
    this.db.exec(physical(projection.schema, projection, generation));
    if (finish) this.finishGeneration(projection, generation);
  }

  /** Runs the projection's `afterLoad` DDL on a generation. */
  finishGeneration(projection: Projection, generation: number): void {
    if (projection.afterLoad) this.db.exec(physical(projection.afterLoad, projection, generation));
  }

  /** Points the stable views at `generation` and drops the tables of `previous`. */
  switchViews(projection: Projection, generation: number, previous?: number): void {
    for (const table of projection.tables) {
      this.db.exec(`DROP VIEW IF EXISTS "${table}"`);
      this.db.exec(`CREATE VIEW "${table}" AS SELECT * FROM "${tableName(table, generation)}"`);
      if (previous !== undefined && previous !== generation) this.db.exec(`DROP TABLE IF EXISTS "${tableName(table, previous)}"`);
    }
    this.statements.clear();
  }

  dropGeneration(projection: Projection, generation: number): void {
    for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS "${tableName(table, generation)}"`);
  }

  writer(projection: Projection, generation: number): ViewWriter {
    // Each logical statement is translated and prepared once per writer: a rebuild runs millions of them.
    const prepared = new Map<ViewSql, Database.Statement>();
    const statement = (sql: ViewSql) => {
      let found = prepared.get(sql);
      if (!found) prepared.set(sql, (found = this.prepare(physical(sql, projection, generation))));
      return found;
    };
    return {
      run: (sql, ...params) => void statement(sql).run(...params),
      get: <T>(sql: ViewSql, ...params: unknown[]) => statement(sql).get(...params) as T | undefined,
      all: <T>(sql: ViewSql, ...params: unknown[]) => statement(sql).all(...params) as T[],
    };
  }

  prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.db.close();
  }
}

/** For files written by an older bangfu: a column added since, added in place (SQLite has no IF NOT EXISTS here). */
export function addColumnIfMissing(db: Database.Database, table: string, column: string): void {
  const name = column.split(' ')[0];
  const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[];
  if (!columns.some((c) => c.name === name)) db.exec(`ALTER TABLE "${table}" ADD COLUMN ${column}`);
}

export function tableName(logical: string, generation: number): string {
  return `${logical}_g${generation}`;
}

function physical(sql: ViewSql, projection: Projection, generation: number): string {
  return sql.replace(/\{([a-z_][a-z0-9_]*)\}/g, (_match, logical: string) => {
    if (!projection.tables.includes(logical)) throw new Error(`projection ${projection.name} does not own table ${logical}`);
    return tableName(logical, generation);
  });
}
