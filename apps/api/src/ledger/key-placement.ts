import { type BangfuConfig, defaultCheckpointKeyFile } from '@bangfu/application';

const LOOPBACK = new Set(['::1', 'localhost']);

/**
 * The warning owed when the checkpoint signing key sits in the data dir beside the log it protects, and the
 * API serves the network: whoever can rewrite the log could then re-sign it. Fine on a laptop (loopback);
 * on a server the key belongs elsewhere (BANGFU_CHECKPOINT_KEY: a file on another volume, a secret mount).
 */
export function checkpointKeyWarning(config: Pick<BangfuConfig, 'host' | 'checkpointKey' | 'dataDir'>): string | undefined {
  if (config.checkpointKey || LOOPBACK.has(config.host) || config.host.startsWith('127.')) return undefined;
  return (
    `the checkpoint signing key is ${defaultCheckpointKeyFile(config.dataDir)}, beside the log it protects, while serving ${config.host}: ` +
    'anyone able to rewrite the log could re-sign it. Keep the key elsewhere and set BANGFU_CHECKPOINT_KEY (README, "Tamper evidence")'
  );
}
