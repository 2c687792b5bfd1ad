/** What `bangfu backup` wrote, so that `bangfu restore` knows what it is putting back. */
export interface BackupManifest {
  format: 'bangfu-backup/1';
  takenAt: string;
  store: 'sqlite' | 'esdb';
  files: { name: string; head?: number; events?: number }[];
}

export const BACKUP_MANIFEST = 'backup.json';

/** The data dir's own secrets, when they live there (BANGFU_JWT_SECRET / BANGFU_CHECKPOINT_KEY unset). */
export const KEY_FILES = ['jwt-secret', 'checkpoint-ed25519.pem'];
