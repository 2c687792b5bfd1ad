import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '@bangfu/workflow';
import { openEventStore } from '../../../api/src/infrastructure/open-stores';
import { loadConfig } from '../../../api/src/config/bangfu-config';
import { type ParsedArgs, UsageError, onlyFlags } from '../args';

/** Exit 0 with a count when every chain is intact; 1 naming the first break. */
export async function verifyCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['json']);
  const config = loadConfig();
  const file = join(config.dataDir, 'events.db');
  if (config.store === 'sqlite' && !existsSync(file)) throw new UsageError(`no event store at ${file} (set BANGFU_DATA_DIR)`);
  const started = process.hrtime.bigint();
  const store = openEventStore(config, systemClock);
  const report = await store.verify().finally(() => store.close());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (args.flags.has('json')) console.log(JSON.stringify({ ...report, seconds }));
  else if (report.ok)
    console.log(`verified ${report.events} events in ${report.streams} streams: every hash chain is intact (${seconds.toFixed(2)} s)`);
  else {
    const b = report.break;
    console.error(`BROKEN at stream ${b.streamId}, revision ${b.revision}, event ${b.eventId} (position ${b.position}): ${b.reason}`);
    console.error(`${report.events} events in ${report.streams} streams were intact before it`);
  }
  return report.ok ? 0 : 1;
}
