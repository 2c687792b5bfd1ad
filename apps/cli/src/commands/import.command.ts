import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { DomainError, type Actor, type HouseholdCommand } from '@bangfu/domain';
import { canonicalJson, type EventStore } from '@bangfu/eventstore';
import { systemClock } from '@bangfu/workflow';
import { loadConfig } from '../../../api/src/config/bangfu-config';
import { openEventStore } from '../../../api/src/infrastructure/open-stores';
import { HouseholdCommandHandler, HouseholdCommandMessage } from '../../../api/src/registry/households/household-command.handler';
import { RecordFacts } from '../../../api/src/registry/record-facts';
import { UsageError, flag, onlyFlags, type ParsedArgs } from '../args';
import { parseCsv } from '../../../api/src/http/csv';
import { HOUSEHOLD_COLUMNS, indexColumns, parseHouseholdRow, type HouseholdRow, type RowError } from '../import/household-rows';
import { decodeText } from '../import/read-text';
import { progressBar } from '../progress';
import { importPlan } from './import-plan';

export const importUsage = `import households FILE.csv [--actor NAME] [--report FILE]
                             register households from a county office's CSV export (UTF-8 or GBK)
  import plan FILE.yaml|FILE.csv [--actor NAME]
                             issue a work plan's numbered items as tasks`;

const CONCURRENCY = 16;

/**
 * Imports valid rows through the same decide path as the API and reports every refused row by row and
 * column. Each row's events get ids derived from its content, so running the same file again imports
 * nothing twice. Exit 0 when every row is in the register, 1 when some row was refused.
 */
export async function importCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['actor', 'report']);
  const [, kind, file] = args.positional;
  if (kind === 'plan' && file) return importPlan(file, flag(args, 'actor', userInfo().username));
  if (kind !== 'households' || !file) throw new UsageError(`usage: bangfu ${importUsage}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const { text, encoding } = decodeText(bytes);
  const [header, ...records] = parseCsv(text);
  const columns = header ? indexColumns(header.fields) : { missing: Object.values(HOUSEHOLD_COLUMNS) };
  if ('missing' in columns)
    throw new UsageError(`${file}: missing columns ${columns.missing.join(', ')} (see README, "Importing households")`);

  const actor: Actor = {
    id: `import:${flag(args, 'actor', userInfo().username)}`,
    name: 'bangfu import',
    roles: ['county-admin'],
    regionCode: '000000',
  };
  const store = openEventStore(loadConfig(), systemClock);
  const importer = new RowImporter(store, actor);
  const errors: RowError[] = [];
  const counts = { imported: 0, already: 0 };
  const progress = progressBar();
  let next = 0;
  let done = 0;
  try {
    const worker = async () => {
      while (next < records.length) {
        const record = records[next++];
        const parsed = parseHouseholdRow(record.line, record.fields, columns);
        const outcome = 'reason' in parsed ? parsed : await importer.import(parsed);
        if (outcome === 'imported') counts.imported++;
        else if (outcome === 'already') counts.already++;
        else errors.push(outcome);
        progress.update(`importing ${file}`, ++done, records.length);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    progress.done();
    await store.close();
  }

  errors.sort((a, b) => a.row - b.row);
  for (const error of errors) console.error(`row ${error.row}, column ${error.column}: ${error.reason}`);
  const reportFile = args.flags.get('report')?.at(-1);
  if (reportFile) {
    const quote = (value: string | number) => `"${String(value).replace(/"/g, '""')}"`;
    writeFileSync(reportFile, ['行号,列,原因', ...errors.map((e) => [e.row, e.column, e.reason].map(quote).join(','))].join('\n') + '\n');
  }
  console.log(
    `${file} (${encoding}): ${records.length} rows — ${counts.imported} imported, ${counts.already} already imported, ${errors.length} refused`,
  );
  return errors.length > 0 ? 1 : 0;
}

/** Domain refusals, told in terms of the CSV's columns. */
function columnFor(error: DomainError): string {
  const field = String(error.details?.field ?? '');
  if (field === 'members[0].idNumber') return HOUSEHOLD_COLUMNS.headIdNumber;
  if (field.startsWith('members')) return HOUSEHOLD_COLUMNS.members;
  if (error.code === 'VILLAGE_NOT_REGISTERED') return HOUSEHOLD_COLUMNS.villageCode;
  if (error.code === 'TIME_IN_FUTURE') return HOUSEHOLD_COLUMNS.identifiedAt;
  if (field === 'cadreId' || error.code.startsWith('CADRE')) return HOUSEHOLD_COLUMNS.cadreId;
  return HOUSEHOLD_COLUMNS.householdId;
}

class RowImporter {
  private readonly handler: HouseholdCommandHandler;
  private readonly facts: RecordFacts;

  constructor(
    store: EventStore,
    private readonly actor: Actor,
  ) {
    this.facts = new RecordFacts(store);
    this.handler = new HouseholdCommandHandler(store, this.facts);
  }

  async import(row: HouseholdRow): Promise<'imported' | 'already' | RowError> {
    const { row: line, cadreId, ...household } = row;
    // The same content imports once, from whichever line of whichever run.
    const key = createHash('sha256')
      .update(canonicalJson({ ...household, cadreId: cadreId ?? null }))
      .digest('hex')
      .slice(0, 32);
    const fail = (column: string, reason: string): RowError => ({ row: line, column, reason });
    try {
      if (cadreId) {
        const cadre = await this.facts.cadre(cadreId);
        if (!cadre.registered) return fail(HOUSEHOLD_COLUMNS.cadreId, `cadre ${cadreId} is not registered`);
        if (cadre.recalled) return fail(HOUSEHOLD_COLUMNS.cadreId, `cadre ${cadreId} was recalled`);
      }
      const registered = await this.send(
        { type: 'RegisterHousehold', data: { ...household, source: 'import', villageRegistered: false } },
        `import:household:${key}`,
        household.identifiedAt,
      );
      if (cadreId) {
        await this.send(
          {
            type: 'AssignCadre',
            data: {
              householdId: household.householdId,
              cadreId,
              from: household.identifiedAt,
              reason: '建档立卡数据导入',
              cadre: { registered: false, recalled: false },
              handoverDays: 0,
            },
          },
          `import:assign:${key}`,
          household.identifiedAt,
        );
      }
      return registered ? 'already' : 'imported';
    } catch (error) {
      if (error instanceof DomainError) return fail(columnFor(error), error.message);
      throw error;
    }
  }

  /** Returns whether the command had already been imported. */
  private async send(command: HouseholdCommand, idempotencyKey: string, occurredAt: string): Promise<boolean> {
    const result = await this.handler.execute(
      new HouseholdCommandMessage(command, { actor: this.actor, now: systemClock.now(), occurredAt, idempotencyKey }),
    );
    return result.duplicate;
  }
}
