import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '@bangfu/domain';
import { MerkleFrontier, leafHash } from '@bangfu/eventstore';
import { systemClock } from '@bangfu/workflow';
import { exportCheckpoint, loadCheckpointKey, loadConfig, openEventStore, recordCheckpoint } from '@bangfu/application';
import { type ParsedArgs, UsageError, flag, onlyFlags } from '../args';

export const checkpointUsage = `checkpoint [--reason TEXT] [--out FILE] [--public-key]  sign the Merkle root over every event (Ed25519) and record it;
  --out FILE also writes it with the public key, for a reviewer to keep outside the log (verify --against FILE); --public-key prints the key`;

/** Hashes the whole log into its RFC 6962 tree, signs the head, and records it in the log. */
export async function checkpointCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['public-key', 'json', 'reason', 'out']);
  const config = loadConfig();
  const key = loadCheckpointKey(config.dataDir, config.checkpointKey);
  if (args.flags.has('public-key')) {
    process.stdout.write(key.publicKeyPem);
    return 0;
  }
  const file = join(config.dataDir, 'events.db');
  if (config.store === 'sqlite' && !existsSync(file)) throw new UsageError(`no event store at ${file} (set BANGFU_DATA_DIR)`);
  const store = openEventStore(config, systemClock);
  try {
    // One pass over the log, keeping only the tree's frontier: memory stays at log₂ n hashes.
    const nodes = new MerkleFrontier();
    let lastPosition = 0;
    for (;;) {
      const page = await store.readAll({ fromPosition: lastPosition, maxCount: 10_000 });
      for (const event of page) nodes.append(leafHash(event.metadata.hash));
      if (page.length === 0) break;
      lastPosition = page[page.length - 1].position;
    }
    if (nodes.size === 0) throw new UsageError('the log is empty: nothing to checkpoint');
    const head = { treeSize: nodes.size, root: nodes.root(), lastPosition };
    const actor = { ...SYSTEM_ACTOR, id: 'bangfu-cli', name: 'bangfu checkpoint' };
    const { checkpoint } = await recordCheckpoint(store, key, head, { actor, now: new Date() }, flag(args, 'reason', 'bangfu checkpoint'));
    if (args.flags.has('out')) {
      writeFileSync(flag(args, 'out'), `${JSON.stringify(exportCheckpoint(checkpoint, key.publicKeyPem), null, 2)}\n`);
    }
    if (args.flags.has('json')) console.log(JSON.stringify(checkpoint));
    else
      console.log(
        `checkpoint: ${checkpoint.treeSize} events, root ${checkpoint.root}, key ${checkpoint.keyId}, signed ${checkpoint.signedAt}`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
