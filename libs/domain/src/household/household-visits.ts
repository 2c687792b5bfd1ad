import { VISIT_KINDS, type VisitKind } from './household-vocabulary';
import { shanghaiMonth } from '../shared/shanghai-time';

/** One visit as the household's rules read it. */
export interface VisitSummary {
  visitId: string;
  cadreId: string;
  kind: VisitKind;
  occurredAt: string;
  /** 'YYYY-MM', Shanghai. */
  month: string;
  byResponsibleCadre: boolean;
  retracted: boolean;
}

export type RecordedVisit = Pick<VisitSummary, 'visitId' | 'cadreId' | 'kind' | 'occurredAt' | 'byResponsibleCadre'>;

/**
 * The rows of visits, in the order recorded, in columns: a household keeps every visit of its years (any one
 * can still be retracted, counted by a month's check or asked for by an exit), and a province's households
 * are folded in memory together, so a visit costs its id and two numbers rather than an object and three
 * strings. Rows are only ever appended; every `HouseholdVisits` is a prefix of one of these.
 */
// A row's cadre, kind and whether the responsible cadre made it, in one small integer: cadre × 8 + kind × 2 + flag.
const pack = (cadre: number, kind: number, byResponsible: boolean) => cadre * 8 + kind * 2 + (byResponsible ? 1 : 0);
const cadreOf = (packed: number) => Math.floor(packed / 8);
const kindOf = (packed: number) => Math.floor(packed / 2) % 4;
const byResponsibleCadre = (packed: number) => packed % 2 === 1;
const HANDOVER = VISIT_KINDS.indexOf('对接');

class VisitColumns {
  /** Looked up by scanning: a household has tens of visits a year, and an index per household would weigh more than its ids. */
  readonly ids: string[] = [];
  /** The instant, in ms. */
  readonly at: number[] = [];
  /** The cadre (an index into `cadres`), the kind and whether the responsible cadre made it (`pack`). */
  readonly packed: number[] = [];
  /** A household meets a handful of cadres: each is kept once. */
  readonly cadres: string[] = [];
  /** The instant as written when it was not the canonical UTC form (`+08:00`): the record keeps it as given. */
  written: Map<number, string> | undefined;

  get length(): number {
    return this.ids.length;
  }

  push(visit: RecordedVisit): void {
    const row = this.ids.length;
    const at = Date.parse(visit.occurredAt);
    let cadre = this.cadres.indexOf(visit.cadreId);
    if (cadre < 0) cadre = this.cadres.push(visit.cadreId) - 1;
    this.ids.push(visit.visitId);
    this.at.push(at);
    this.packed.push(pack(cadre, VISIT_KINDS.indexOf(visit.kind), visit.byResponsibleCadre));
    if (new Date(at).toISOString() !== visit.occurredAt) (this.written ??= new Map()).set(row, visit.occurredAt);
  }

  /** A copy of the first `count` rows: where another state already appended past them. */
  prefix(count: number): VisitColumns {
    const copy = new VisitColumns();
    for (let row = 0; row < count; row++) copy.push(this.recorded(row));
    return copy;
  }

  recorded(row: number): RecordedVisit {
    const packed = this.packed[row];
    return {
      visitId: this.ids[row],
      cadreId: this.cadres[cadreOf(packed)],
      kind: VISIT_KINDS[kindOf(packed)],
      occurredAt: this.written?.get(row) ?? new Date(this.at[row]).toISOString(),
      byResponsibleCadre: byResponsibleCadre(packed),
    };
  }
}

/**
 * A household's visits as of one state. States are values (a kept state is reused by the next command, and
 * two commands may fold from the same one), yet a visit is appended in constant time: a state is a prefix of
 * shared columns, and appending to a prefix that is not the whole copies it first. Retractions are few and
 * kept per state.
 */
export class HouseholdVisits {
  static readonly none = new HouseholdVisits(new VisitColumns(), 0, new Set());

  readonly #columns: VisitColumns;
  readonly #count: number;
  readonly #retracted: ReadonlySet<number>;

  private constructor(columns: VisitColumns, count: number, retracted: ReadonlySet<number>) {
    this.#columns = columns;
    this.#count = count;
    this.#retracted = retracted;
  }

  get size(): number {
    return this.#count;
  }

  has(visitId: string): boolean {
    return this.#row(visitId) !== undefined;
  }

  get(visitId: string): VisitSummary | undefined {
    const row = this.#row(visitId);
    return row === undefined ? undefined : this.#summary(row);
  }

  /** Every visit, in the order recorded. */
  *values(): IterableIterator<VisitSummary> {
    for (let row = 0; row < this.#count; row++) yield this.#summary(row);
  }

  with(visit: RecordedVisit): HouseholdVisits {
    // The empty state is shared by every household: its columns are never appended to.
    const owned = this.#count > 0 && this.#columns.length === this.#count;
    const columns = owned ? this.#columns : this.#columns.prefix(this.#count);
    columns.push(visit);
    return new HouseholdVisits(columns, this.#count + 1, this.#retracted);
  }

  retract(visitId: string): HouseholdVisits {
    const row = this.#row(visitId);
    if (row === undefined) return this;
    return new HouseholdVisits(this.#columns, this.#count, new Set(this.#retracted).add(row));
  }

  /** How many standing visits by the cadre responsible at the time fall in [from, to) (ms). */
  countByResponsible(from: number, to: number): number {
    let count = 0;
    this.#scan((row, at) => {
      if (at >= from && at < to && this.#byResponsible(row)) count++;
      return false;
    });
    return count;
  }

  /** Whether a standing visit by the cadre responsible at the time falls in [from, to] (ms). */
  anyByResponsible(from: number, to: number): boolean {
    return this.#scan((row, at) => at >= from && at <= to && this.#byResponsible(row));
  }

  /** Whether the cadre made a standing 对接 visit in [from, to] (ms). */
  connected(cadreId: string, from: number, to: number): boolean {
    const { cadres, packed } = this.#columns;
    const cadre = cadres.indexOf(cadreId);
    if (cadre < 0) return false;
    return this.#scan((row, at) => at >= from && at <= to && cadreOf(packed[row]) === cadre && kindOf(packed[row]) === HANDOVER);
  }

  /** The latest standing visit by the cadre responsible at the time, at or before `until` (ms). */
  lastByResponsible(until: number): string | null {
    let last: number | undefined;
    this.#scan((row, at) => {
      if (at <= until && this.#byResponsible(row) && (last === undefined || at > this.#columns.at[last])) last = row;
      return false;
    });
    return last === undefined ? null : this.#summary(last).occurredAt;
  }

  /** Visits every standing row until `found` says so. */
  #scan(found: (row: number, at: number) => boolean): boolean {
    const { at } = this.#columns;
    for (let row = 0; row < this.#count; row++) {
      if (!this.#retracted.has(row) && found(row, at[row])) return true;
    }
    return false;
  }

  #byResponsible(row: number): boolean {
    return byResponsibleCadre(this.#columns.packed[row]);
  }

  #row(visitId: string): number | undefined {
    const { ids } = this.#columns;
    for (let row = 0; row < this.#count; row++) if (ids[row] === visitId) return row;
    return undefined;
  }

  #summary(row: number): VisitSummary {
    const recorded = this.#columns.recorded(row);
    return { ...recorded, month: shanghaiMonth(recorded.occurredAt), retracted: this.#retracted.has(row) };
  }
}
