import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@bangfu/eventstore';
import { prepareProjections } from '@bangfu/projections';
import { systemClock } from '@bangfu/workflow';
import { allProjections, loadConfig, openEventStore, openReadStore, readCheckpointPublicKey, verifyLedger } from '@bangfu/application';
import { type ParsedArgs, UsageError, onlyFlags } from '../args';
import { BACKUP_MANIFEST, KEY_FILES, type BackupManifest } from './backup-manifest';

export const restoreUsage = `restore DIR [--force]   put a backup back into the data dir (API stopped): the log verified first, the views checked or rebuilt;
  --force when the data dir holds a store already (its files are kept aside as *.before-restore-<time>, never deleted)`;

/**
 * Puts a `bangfu backup` back: keys, then the log — copied beside the live files and verified (chains,
 * continuity, signed checkpoints) before it takes their place — then the views, whose checkpoints are
 * checked against the restored log and rebuilt where it does not hold them. Nothing present is deleted.
 */
export async function restoreCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['force']);
  const dir = args.positional[1];
  if (!dir) throw new UsageError(`usage: bangfu ${restoreUsage}`);
  const manifest = readManifest(dir);
  const config = loadConfig();
  if (manifest.store !== config.store) throw new UsageError(`${dir} is a backup of a ${manifest.store} store; this one is ${config.store}`);
  const has = (name: string) => manifest.files.some((file) => file.name === name);
  const present = ['events.db', 'views.db', ...KEY_FILES].filter((name) => existsSync(join(config.dataDir, name)));
  const replaced = present.filter((name) => has(name));
  if (replaced.length > 0 && !args.flags.has('force')) {
    throw new UsageError(
      `${config.dataDir} already holds ${replaced.join(', ')}: stop the API, then restore with --force (they are kept aside)`,
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  const aside = `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const place = (name: string) => {
    for (const suffix of ['', '-wal', '-shm']) {
      const live = join(config.dataDir, `${name}${suffix}`);
      if (existsSync(live)) renameSync(live, `${live}.${aside}`);
    }
    renameSync(join(config.dataDir, `${name}.restoring`), join(config.dataDir, name));
  };
  const stage = (name: string) => copyFileSync(join(dir, name), join(config.dataDir, `${name}.restoring`));

  for (const key of KEY_FILES.filter(has)) {
    stage(key);
    place(key);
    chmodSync(join(config.dataDir, key), 0o600);
  }
  if (has('events.db')) {
    stage('events.db');
    const staged = new SqliteEventStore({ file: join(config.dataDir, 'events.db.restoring') });
    const report = await verifyLedger(staged, readCheckpointPublicKey(config.dataDir, config.checkpointKey)).finally(() => staged.close());
    if (!report.ok) {
      rmSync(join(config.dataDir, 'events.db.restoring'), { force: true });
      console.error(`the backup's log is broken, nothing was restored: ${report.break.reason}`);
      return 1;
    }
    place('events.db');
    console.log(
      `restored the log: ${report.events} events in ${report.streams} streams verified, ${report.checkpoints ?? 0} signed checkpoint(s) match`,
    );
  }
  if (has('views.db')) {
    stage('views.db');
    place('views.db');
  }
  const store = openEventStore(config, systemClock);
  const views = openReadStore(config);
  try {
    const rebuilt = await prepareProjections(store, views, allProjections);
    console.log(
      rebuilt.length === 0
        ? 'restored the views: every checkpoint is held by the log; the API brings them up to date when it starts'
        : `rebuilt from the log: ${rebuilt.map(({ name, reason }) => `${name} (${reason})`).join(', ')}`,
    );
  } finally {
    await store.close();
    views.close();
  }
  if (replaced.length > 0) console.log(`the files that were there are kept as <name>.${aside}`);
  return 0;
}

function readManifest(dir: string): BackupManifest {
  const file = join(dir, BACKUP_MANIFEST);
  if (!existsSync(file)) throw new UsageError(`${dir} holds no ${BACKUP_MANIFEST}: not a bangfu backup`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  } catch {
    throw new UsageError(`${file} is not JSON`);
  }
  if (manifest?.format !== 'bangfu-backup/1' || !Array.isArray(manifest.files)) throw new UsageError(`${file}: not a bangfu backup`);
  const missing = manifest.files.filter((f) => !existsSync(join(dir, f.name))).map((f) => f.name);
  if (missing.length > 0) throw new UsageError(`${dir} lacks ${missing.join(', ')}, which its ${BACKUP_MANIFEST} lists`);
  return manifest;
}
