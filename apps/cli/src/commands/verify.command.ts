import { existsSync, readFileSync } from 'node:fs';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { ChainBreak, SignedCheckpoint } from '@bangfu/eventstore';
import { systemClock } from '@bangfu/workflow';
import { loadConfig, openEventStore, parseCheckpointExport, readCheckpointPublicKey, verifyLedger } from '@bangfu/application';
import { type ParsedArgs, UsageError, flag, onlyFlags } from '../args';
import { readPublicKeyFile } from '../public-key-file';

export const verifyUsage = `verify [--against FILE] [--key KEY] [--json]
  check every stream's hash chain, the stored columns, the log's continuity and every signed checkpoint;
  --against FILE (from \`bangfu checkpoint --out\` or GET /api/v1/ledger/checkpoints/latest) also proves the log
  still extends a checkpoint kept outside it; --key: the checkpoint public key (default: the configured one)`;

/** Exit 0 with a count when everything holds; 1 naming the first break. */
export async function verifyCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['json', 'against', 'key']);
  const config = loadConfig();
  const file = join(config.dataDir, 'events.db');
  if (config.store === 'sqlite' && !existsSync(file)) throw new UsageError(`no event store at ${file} (set BANGFU_DATA_DIR)`);
  const held = args.flags.has('against') ? readHeld(flag(args, 'against')) : undefined;
  const publicKey = args.flags.has('key')
    ? readPublicKeyFile(flag(args, 'key'))
    : (readCheckpointPublicKey(config.dataDir, config.checkpointKey) ?? held?.publicKey);
  const started = process.hrtime.bigint();
  const store = openEventStore(config, systemClock);
  const report = await verifyLedger(store, publicKey, held ? [held.checkpoint] : []).finally(() => store.close());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (args.flags.has('json')) console.log(JSON.stringify({ ...report, seconds }));
  else if (report.ok) {
    const signed = report.checkpoints ? `, and ${report.checkpoints} signed checkpoint(s) match the log` : '';
    const extends_ = held ? `; the log extends the checkpoint of ${held.checkpoint.treeSize} events in ${flag(args, 'against')}` : '';
    console.log(
      `verified ${report.events} events in ${report.streams} streams: every hash chain is intact${signed}${extends_} (${seconds.toFixed(2)} s)`,
    );
  } else {
    console.error(`BROKEN ${where(report.break)}: ${report.break.reason}`);
    console.error(`${report.events} events in ${report.streams} streams were checked`);
  }
  return report.ok ? 0 : 1;
}

function where(broken: ChainBreak): string {
  if (broken.streamId !== undefined) {
    return `at stream ${broken.streamId}, revision ${broken.revision}, event ${broken.eventId} (position ${broken.position})`;
  }
  return broken.checkpoint ? `against a signed checkpoint (position ${broken.position})` : `at position ${broken.position}`;
}

function readHeld(path: string): { checkpoint: SignedCheckpoint; publicKey: KeyObject } {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  try {
    const held = parseCheckpointExport(readFileSync(path, 'utf8'));
    return { checkpoint: held.checkpoint, publicKey: createPublicKey(held.publicKey) };
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
}
