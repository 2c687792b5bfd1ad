import { readFileSync, writeFileSync } from 'node:fs';
import { dayStart, isInstant } from '@bangfu/domain';
import { parseCsv } from '@bangfu/application';
import { UsageError } from '../args';
import { progressBar } from '../progress';
import { decodeText } from './read-text';

export interface RowError {
  row: number;
  column: string;
  reason: string;
}

export type RowOutcome = 'imported' | 'already' | RowError;

export interface CsvFile {
  header: string[];
  records: { line: number; fields: string[] }[];
  encoding: 'utf-8' | 'gb18030';
}

/** A county office's CSV export, UTF-8 (with or without BOM) or GBK; an unreadable file is a usage error. */
export function readCsvFile(file: string): CsvFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const { text, encoding } = decodeText(bytes);
  const [header, ...records] = parseCsv(text);
  return { header: header?.fields ?? [], records, encoding };
}

/** Where each known column is, by its header (order free, other columns ignored); -1 when absent. */
export type ColumnIndex<K extends string> = Record<K, number>;

/** Finds each column by its header; a missing required column makes the whole file unreadable. */
export function indexColumns<C extends Record<string, string>>(
  header: string[],
  columns: C,
  required: readonly (keyof C & string)[],
): ColumnIndex<keyof C & string> | { missing: string[] } {
  const names = header.map((name) => name.trim());
  const index = Object.fromEntries(Object.entries(columns).map(([key, name]) => [key, names.indexOf(name)])) as ColumnIndex<
    keyof C & string
  >;
  const missing = required.filter((key) => index[key] < 0).map((key) => columns[key]);
  return missing.length > 0 ? { missing } : index;
}

/** A cell by its column key, trimmed; '' when the column is absent or the row is short. */
export function cellReader<K extends string>(fields: string[], columns: ColumnIndex<K>) {
  return (key: K) => (columns[key] >= 0 ? (fields[columns[key]] ?? '').trim() : '');
}

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A business time as offices write it: a Shanghai date (`2026-03-05`, its first instant), a Shanghai
 * wall-clock time (`2026-03-05 09:30`), or an ISO-8601 instant with its zone. Undefined when it is none.
 */
export function parseBusinessTime(value: string): string | undefined {
  if (isCalendarDate(value)) return dayStart(value);
  const local = LOCAL_TIME.exec(value);
  if (local && isCalendarDate(local[1])) {
    const [, date, hours, minutes, seconds] = local;
    if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59) return undefined;
    return new Date(Date.parse(dayStart(date)) + ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds ?? 0)) * 1000).toISOString();
  }
  return isInstant(value) ? new Date(value).toISOString() : undefined;
}

export function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

const CONCURRENCY = 16;

/**
 * Runs the rows through `importOne`, sixteen at a time. Rows of the same lane (one household) go in file
 * order through one worker, so a household's assignments and visits are decided one after the other.
 */
export async function runRows<R>(
  label: string,
  rows: R[],
  laneOf: (row: R) => string,
  importOne: (row: R) => Promise<RowOutcome>,
): Promise<{ imported: number; already: number; errors: RowError[] }> {
  const lanes = new Map<string, R[]>();
  for (const row of rows) {
    const lane = lanes.get(laneOf(row));
    if (lane) lane.push(row);
    else lanes.set(laneOf(row), [row]);
  }
  const queue = [...lanes.values()];
  const result = { imported: 0, already: 0, errors: [] as RowError[] };
  const progress = progressBar();
  let done = 0;
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const row of lane) {
        const outcome = await importOne(row);
        if (outcome === 'imported') result.imported++;
        else if (outcome === 'already') result.already++;
        else result.errors.push(outcome);
        progress.update(label, ++done, rows.length);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    progress.done();
  }
  return result;
}

/**
 * Prints every refused row (第 N 行，列：原因) and the summary, writes the refusals to `reportFile` as CSV
 * when asked, and answers the exit code: 0 when every row is in, 1 when some row was refused.
 */
export function reportRows(
  file: string,
  encoding: string,
  total: number,
  result: { imported: number; already: number; errors: RowError[] },
  reportFile?: string,
): number {
  const errors = [...result.errors].sort((a, b) => a.row - b.row);
  for (const error of errors) console.error(`第 ${error.row} 行，${error.column}：${error.reason}`);
  if (reportFile) {
    const quote = (value: string | number) => `"${String(value).replace(/"/g, '""')}"`;
    writeFileSync(reportFile, ['行号,列,原因', ...errors.map((e) => [e.row, e.column, e.reason].map(quote).join(','))].join('\n') + '\n');
  }
  console.log(
    `${file} (${encoding})：共 ${total} 行 — 导入 ${result.imported} 行，此前已导入 ${result.already} 行，拒绝 ${errors.length} 行`,
  );
  return errors.length > 0 ? 1 : 0;
}
