import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import { DomainError, type Actor, type HouseholdCommand } from '@bangfu/domain';
import { canonicalJson, type EventStore } from '@bangfu/eventstore';
import { systemClock } from '@bangfu/workflow';
import { HouseholdCommands, loadConfig, openEventStore, RecordFacts } from '@bangfu/application';
import { UsageError, flag, onlyFlags, type ParsedArgs } from '../args';
import { HOUSEHOLD_COLUMNS, HOUSEHOLD_REQUIRED, parseHouseholdRow, type HouseholdRow, type RowError } from '../import/household-rows';
import { indexColumns, readCsvFile, reportRows, runRows } from '../import/row-import';
import { importHistory } from './import-history';
import { importPlan } from './import-plan';

export const importUsage = `import households FILE.csv [--actor NAME] [--report FILE]
                             register households from a county office's CSV export (UTF-8 or GBK)
  import assignments FILE.csv [--actor NAME] [--report FILE]
                             bring a county's 包保 history in: who held each household from when
  import visits FILE.csv [--actor NAME] [--report FILE]
                             bring a county's 走访 history in, with the 两不愁三保障 findings
  import plan FILE.yaml|FILE.csv [--actor NAME]
                             issue a work plan's numbered items as tasks`;

/** The operator an import's events name: `import:<user>`, acting as the county office. */
export function importActor(name: string, label: string): Actor {
  return { id: `import:${name}`, name: label, roles: ['county-admin'], regionCode: '000000' };
}

/**
 * Imports valid rows through the same decide path as the API and reports every refused row by row and
 * column. Each row's events get ids derived from its content, so running the same file again imports
 * nothing twice. Exit 0 when every row is in the register, 1 when some row was refused.
 */
export async function importCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['actor', 'report']);
  const [, kind, file] = args.positional;
  const actorName = flag(args, 'actor', userInfo().username);
  const reportFile = args.flags.get('report')?.at(-1);
  if (kind === 'plan' && file) return importPlan(file, actorName);
  if ((kind === 'assignments' || kind === 'visits') && file) return importHistory(kind, file, actorName, reportFile);
  if (kind !== 'households' || !file) throw new UsageError(`usage: bangfu ${importUsage}`);
  const { header, records, encoding } = readCsvFile(file);
  const columns = indexColumns(header, HOUSEHOLD_COLUMNS, HOUSEHOLD_REQUIRED);
  if ('missing' in columns)
    throw new UsageError(`${file}: missing columns ${columns.missing.join(', ')} (see README, "Importing households")`);

  const store = openEventStore(loadConfig(), systemClock);
  const importer = new RowImporter(store, importActor(actorName, 'bangfu import'));
  const rows = records.map((record) => parseHouseholdRow(record.line, record.fields, columns));
  try {
    const result = await runRows(
      `importing ${file}`,
      rows,
      (row) => ('reason' in row ? `#${row.row}` : row.householdId),
      async (row) => ('reason' in row ? row : importer.import(row)),
    );
    return reportRows(file, encoding, records.length, result, reportFile);
  } finally {
    await store.close();
  }
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
  private readonly households: HouseholdCommands;
  private readonly facts: RecordFacts;

  constructor(
    store: EventStore,
    private readonly actor: Actor,
  ) {
    this.facts = new RecordFacts(store);
    this.households = new HouseholdCommands(store, this.facts);
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
        { type: 'RegisterHousehold', data: { ...household, source: 'import' } },
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
    const result = await this.households.execute(command, { actor: this.actor, now: systemClock.now(), occurredAt, idempotencyKey });
    return result.duplicate;
  }
}
