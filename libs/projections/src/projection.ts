import type { RecordedEvent } from '@bangfu/eventstore';

/**
 * SQL with `{logical}` table placeholders. A projection's tables exist in generations
 * (`regions_g1`, `regions_g2`, …) so that a rebuild fills a fresh generation while the old one keeps
 * serving; queries read the stable view named after the logical table.
 */
export type ViewSql = string;

export interface ViewWriter {
  run(sql: ViewSql, ...params: unknown[]): void;
  get<T>(sql: ViewSql, ...params: unknown[]): T | undefined;
  all<T>(sql: ViewSql, ...params: unknown[]): T[];
}

export interface Projection {
  readonly name: string;
  /** Bump when the schema or the meaning of a row changes: the views are rebuilt from the log. */
  readonly version: number;
  readonly tables: readonly string[];
  /** DDL for one generation of the tables; index names use placeholders too (`{regions}_by_parent`). */
  readonly schema: ViewSql;
  /**
   * DDL run once a generation's rows are loaded: indexes that `apply` never reads through, or a table
   * rewritten in the order its queries read it. A rebuild runs it after loading, sorting each key once,
   * instead of inserting every event's keys into B-trees in random order (at millions of events that is the
   * difference between appending pages and rewriting them); a new, empty generation runs it at once.
   */
  readonly afterLoad?: ViewSql;
  /**
   * The event types `apply` reads; the runner and a rebuild hand it only these. Absent for a view of every event
   * (the timeline, the ledger's indexes).
   */
  readonly eventTypes?: readonly string[];
  /** Called inside the batch transaction, once per event it handles, in log order. */
  apply(event: RecordedEvent, view: ViewWriter): void;
}

const handledTypes = new WeakMap<Projection, ReadonlySet<string> | null>();

/** Whether a projection handles an event of this type (its declared types, or every type when it declares none). */
export function handles(projection: Projection, type: string): boolean {
  let types = handledTypes.get(projection);
  if (types === undefined) handledTypes.set(projection, (types = projection.eventTypes ? new Set(projection.eventTypes) : null));
  return types === null || types.has(type);
}
