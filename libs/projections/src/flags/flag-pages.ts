import type { FlagRow } from '../household/visit-flags.projection';
import type { ReadStore } from '../store/read-store';
import type { FlagFilters } from './flag.queries';

/** A flag as the inbox lists it, wherever it is kept (a flag table, or a view a rule's deadline is read from). */
export type ListedFlag = Omit<FlagRow, 'position'>;

/** The inbox's order: newest first, then by id, so a page boundary falls in the same place every time. */
export function newestFirst(a: ListedFlag, b: ListedFlag): number {
  if (a.occurred_at !== b.occurred_at) return a.occurred_at < b.occurred_at ? 1 : -1;
  return a.flag_id < b.flag_id ? -1 : a.flag_id > b.flag_id ? 1 : 0;
}

/**
 * Whether a division is read newest first through a time index (a county or wider: its flags are many, and a
 * page of them is among the newest of the whole table), or through its villages' range and sorted (a township's
 * or a village's few). Division codes are 2/4/6/9/12 digits; `range` is `codesUnder(prefix)`.
 */
export function readsNewestFirst(range: readonly [string, string]): boolean {
  return range[0].length <= 6;
}

/**
 * The rows of a flag table (`flagTableSql`'s columns) in the inbox's order, filtered by division, type, time and fund,
 * read lazily: the caller stops after a page. The unary `+` keeps SQLite off the index this division's width
 * should not use (it cannot tell from the bounds alone whether a range is a village or a province).
 */
export function storedFlags(
  views: ReadStore,
  table: string,
  range: readonly [string, string],
  { type, from, to, fund }: Omit<FlagFilters, 'status'>,
): IterableIterator<ListedFlag> {
  const wide = readsNewestFirst(range);
  const village = wide ? '+f.village_code' : 'f.village_code';
  const where = [`${village} >= ? AND ${village} < ?`];
  const args: unknown[] = [...range];
  if (type) {
    where.push(wide ? 'f.type = ?' : '+f.type = ?');
    args.push(type);
  }
  if (from) {
    where.push('f.occurred_at >= ?');
    args.push(from);
  }
  if (to) {
    where.push('f.occurred_at < ?');
    args.push(to);
  }
  if (fund) {
    where.push(`json_extract(f.details, '$.fundId') = ?`);
    args.push(fund);
  }
  return views
    .prepare(
      `SELECT f.flag_id, f.type, f.household_id, f.village_code, f.cadre_id, f.occurred_at, f.period_to, f.raised_at, f.details, f.event_ids
       FROM ${table} f WHERE ${where.join(' AND ')} ORDER BY f.occurred_at DESC, f.flag_id`,
    )
    .iterate(...args) as IterableIterator<ListedFlag>;
}

/**
 * The first `limit` flags of several sources, each already in the inbox's order, that `accept` keeps: a k-way
 * merge that reads each source only as far as the page needs (a source is a lazy query, so a division's older
 * flags are never read). Every source is closed when the page is full.
 */
export function mergeNewestFirst<T extends ListedFlag>(sources: Iterable<T>[], accept: (flag: T) => boolean, limit: number): T[] {
  const iterators = sources.map((source) => source[Symbol.iterator]());
  const page: T[] = [];
  try {
    // Inside the try: a source that throws on its first row still has every query closed (a prepared statement
    // left mid-iteration refuses every later call).
    const heads: (T | undefined)[] = iterators.map((iterator) => next(iterator, accept));
    while (page.length < limit) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const head = heads[i];
        if (head && (best < 0 || newestFirst(head, heads[best]!) < 0)) best = i;
      }
      if (best < 0) break;
      page.push(heads[best]!);
      heads[best] = next(iterators[best], accept);
    }
  } finally {
    for (const iterator of iterators) iterator.return?.();
  }
  return page;
}

/** The first row of a lazy source, the rest left unread (and the query closed). */
export function first<T>(rows: Iterable<T>): T | undefined {
  for (const row of rows) return row;
  return undefined;
}

function next<T>(iterator: Iterator<T>, accept: (flag: T) => boolean): T | undefined {
  for (let step = iterator.next(); !step.done; step = iterator.next()) if (accept(step.value)) return step.value;
  return undefined;
}

/** A source's flags down to `from` (inclusive): it is newest first, so the first older one ends it. */
export function* newerThan<T extends ListedFlag>(source: Iterable<T>, from: string | undefined): Generator<T> {
  const iterator = source[Symbol.iterator]();
  try {
    for (let step = iterator.next(); !step.done; step = iterator.next()) {
      if (from && step.value.occurred_at < from) return;
      yield step.value;
    }
  } finally {
    iterator.return?.();
  }
}
