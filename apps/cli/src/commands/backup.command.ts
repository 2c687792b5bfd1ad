import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@bangfu/application';
import { type ParsedArgs, UsageError, onlyFlags } from '../args';
import { BACKUP_MANIFEST, KEY_FILES, type BackupManifest } from './backup-manifest';

export const backupUsage = `backup DIR   a consistent online copy of the log and the views (SQLite's backup API) while the API runs`;

/**
 * Copies `views.db`, then `events.db`, each as one consistent snapshot through SQLite's online backup API:
 * writers go on meanwhile, and each copy is the file as it stood at one instant. The views are copied
 * first so that they never run ahead of the copied log (a restore then only lets them catch up). The data
 * dir's own keys are copied too: a restore elsewhere needs them to accept its tokens and to sign.
 */
export async function backupCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, []);
  const dir = args.positional[1];
  if (!dir) throw new UsageError(`usage: bangfu ${backupUsage}`);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} is not empty: back up into a new directory`);
  const config = loadConfig();
  mkdirSync(dir, { recursive: true });
  const views = join(config.dataDir, 'views.db');
  const manifest: BackupManifest = { format: 'bangfu-backup/1', takenAt: new Date().toISOString(), store: config.store, files: [] };
  if (existsSync(views)) manifest.files.push(await snapshot(views, join(dir, 'views.db')));
  if (config.store === 'sqlite') {
    const events = join(config.dataDir, 'events.db');
    if (!existsSync(events)) throw new UsageError(`no event store at ${events} (set BANGFU_DATA_DIR)`);
    manifest.files.push(await snapshot(events, join(dir, 'events.db')));
  }
  for (const key of KEY_FILES) {
    if (!existsSync(join(config.dataDir, key))) continue;
    copyFileSync(join(config.dataDir, key), join(dir, key));
    chmodSync(join(dir, key), 0o600);
    manifest.files.push({ name: key });
  }
  writeFileSync(join(dir, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  const events = manifest.files.find((file) => file.name === 'events.db');
  console.log(
    events
      ? `backed up ${events.events} events (head ${events.head}) and the views into ${dir}`
      : `backed up the views into ${dir}. The log lives in EventStoreDB: back it up there (see README, "Backups")`,
  );
  return 0;
}

/** One file copied through the backup API, with what it held. */
async function snapshot(source: string, target: string): Promise<BackupManifest['files'][number]> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // Large steps: a step restarts when another connection writes between steps, so few steps finish sooner.
    await db.backup(target, { progress: () => 1 << 20 });
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true });
  try {
    const name = source.endsWith('events.db') ? 'events.db' : 'views.db';
    if (name !== 'events.db') return { name };
    const { head, count } = copy.prepare('SELECT MAX(position) AS head, COUNT(*) AS count FROM events').get() as {
      head: number | null;
      count: number;
    };
    return { name, head: head ?? 0, events: count };
  } finally {
    copy.close();
  }
}
