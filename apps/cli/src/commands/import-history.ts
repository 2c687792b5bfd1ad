import { createHash } from 'node:crypto';
import { DomainError, type HouseholdCommand } from '@bangfu/domain';
import { canonicalJson, nameBasedUuid } from '@bangfu/eventstore';
import { systemClock } from '@bangfu/workflow';
import { HouseholdCommands, loadConfig, openEventStore, RecordFacts } from '@bangfu/application';
import { UsageError } from '../args';
import {
  ASSIGNMENT_COLUMNS,
  ASSIGNMENT_REQUIRED,
  VISIT_COLUMNS,
  VISIT_REQUIRED,
  parseAssignmentRow,
  parseVisitRow,
  type AssignmentRow,
  type VisitRow,
} from '../import/history-rows';
import { refusalMessage } from '../import/refusal-messages';
import { indexColumns, readCsvFile, reportRows, runRows, type RowError, type RowOutcome } from '../import/row-import';
import { importActor } from './import.command';

type Kind = 'assignments' | 'visits';

/**
 * A county's 包保 and 走访 history, brought in through the household decider like the API's own requests,
 * each at the business time its row states. Every row's command gets an idempotency key from its content,
 * so a second run of the same file (or an overlapping one) records nothing twice. Import the households
 * first, then the assignments, then the visits; then declare the county's go-live.
 */
export async function importHistory(kind: Kind, file: string, actorName: string, reportFile?: string): Promise<number> {
  const { header, records, encoding } = readCsvFile(file);
  const rows: (AssignmentRow | VisitRow | RowError)[] =
    kind === 'assignments'
      ? parseAll(file, header, records, ASSIGNMENT_COLUMNS, ASSIGNMENT_REQUIRED, parseAssignmentRow)
      : parseAll(file, header, records, VISIT_COLUMNS, VISIT_REQUIRED, parseVisitRow);
  const store = openEventStore(loadConfig(), systemClock);
  const households = new HouseholdCommands(store, new RecordFacts(store));
  const actor = importActor(actorName, kind === 'assignments' ? 'bangfu import assignments' : 'bangfu import visits');
  const send = async (
    row: AssignmentRow | VisitRow,
    command: HouseholdCommand,
    occurredAt: string,
    column: string,
  ): Promise<RowOutcome> => {
    const { row: _line, ...content } = row;
    const key = createHash('sha256')
      .update(canonicalJson({ kind, ...content }))
      .digest('hex')
      .slice(0, 32);
    try {
      const result = await households.execute(command, {
        actor,
        now: systemClock.now(),
        occurredAt,
        idempotencyKey: `import:${kind}:${key}`,
      });
      return result.duplicate ? 'already' : 'imported';
    } catch (error) {
      if (error instanceof DomainError) return { row: row.row, column: columnOf(kind, error) ?? column, reason: refusalMessage(error) };
      throw error;
    }
  };
  try {
    const result = await runRows(
      `导入 ${file}`,
      rows,
      (row) => ('column' in row ? `#${row.row}` : row.householdId),
      async (row) => {
        if ('column' in row) return row;
        if ('from' in row) return send(row, assignCommand(row), row.from, ASSIGNMENT_COLUMNS.from);
        return send(
          row,
          visitCommand(row, createHash('sha256').update(canonicalJson(row)).digest('hex')),
          row.occurredAt,
          VISIT_COLUMNS.occurredAt,
        );
      },
    );
    return reportRows(file, encoding, records.length, result, reportFile);
  } finally {
    await store.close();
  }
}

function parseAll<C extends Record<string, string>, R>(
  file: string,
  header: string[],
  records: { line: number; fields: string[] }[],
  columns: C,
  required: readonly (keyof C & string)[],
  parse: (row: number, fields: string[], index: Record<keyof C & string, number>) => R | RowError,
): (R | RowError)[] {
  const index = indexColumns(header, columns, required);
  if (isMissing(index)) throw new UsageError(`${file}：缺少列 ${index.missing.join('、')}（见 README「导入历史数据」）`);
  return records.map((record) => parse(record.line, record.fields, index));
}

function isMissing(index: object): index is { missing: string[] } {
  return Array.isArray((index as { missing?: unknown }).missing);
}

function assignCommand(row: AssignmentRow): HouseholdCommand {
  return {
    type: 'AssignCadre',
    data: {
      householdId: row.householdId,
      cadreId: row.cadreId,
      from: row.from,
      reason: row.reason,
    },
  };
}

/** The visit's id derives from the row's content: the same row names the same visit in every run. */
function visitCommand(row: VisitRow, digest: string): HouseholdCommand {
  return {
    type: 'RecordVisit',
    data: {
      visitId: nameBasedUuid(`import:visit:${digest}`),
      householdId: row.householdId,
      cadreId: row.cadreId,
      kind: row.kind,
      occurredAt: row.occurredAt,
      findings: row.findings,
      measures: row.measures,
      notes: row.notes,
    },
  };
}

/** The column a refusal is about, where the code says (the cadre, the time); otherwise the row's own. */
function columnOf(kind: Kind, error: DomainError): string | undefined {
  const columns = kind === 'assignments' ? ASSIGNMENT_COLUMNS : VISIT_COLUMNS;
  if (error.code.startsWith('CADRE') || error.code === 'VISITOR_OUTSIDE_VILLAGE') return columns.cadreId;
  if (error.code.startsWith('HOUSEHOLD')) return columns.householdId;
  return undefined;
}
