import { existsSync, readFileSync } from 'node:fs';
import { verifyDossier, type Dossier } from '@bangfu/eventstore';
import { type ParsedArgs, UsageError, flag, onlyFlags } from '../args';
import { readPublicKeyFile } from '../public-key-file';

export const verifyDossierUsage = `verify-dossier FILE --key KEY   check a dossier offline against the checkpoint public key (PEM)`;

/** Offline: needs the dossier file and the public key, nothing else. Exit 0 when it holds, 1 naming each problem. */
export async function verifyDossierCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['key', 'json']);
  const file = args.positional[1];
  if (!file) throw new UsageError(`usage: bangfu ${verifyDossierUsage}`);
  const keyFile = flag(args, 'key', '');
  if (!keyFile)
    throw new UsageError(
      '--key KEY: the checkpoint public key (PEM), as GET /api/v1/ledger/checkpoints or `bangfu checkpoint --public-key` gives it',
    );
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const key = readPublicKeyFile(keyFile);
  let dossier: Dossier;
  try {
    dossier = JSON.parse(readFileSync(file, 'utf8')) as Dossier;
  } catch {
    throw new UsageError(`${file} is not JSON`);
  }
  const report = await verifyDossier(dossier, key);
  if (args.flags.has('json')) console.log(JSON.stringify(report));
  else if (report.ok) {
    const { subject, period } = dossier.manifest;
    console.log(
      `dossier of ${subject.kind} ${subject.id} (${period.from ?? 'start'} – ${period.to ?? 'now'}): ${report.events} events, each unchanged and in the ` +
        `signed checkpoint of ${dossier.checkpoint.treeSize} events (key ${dossier.checkpoint.keyId})`,
    );
  } else {
    console.error(`dossier does NOT verify (${report.problems.length} problems):`);
    for (const problem of report.problems) console.error(`  - ${problem}`);
  }
  return report.ok ? 0 : 1;
}
