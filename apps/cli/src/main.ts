import 'reflect-metadata';
import { ConfigurationError, loadConfig, policyTable } from '@bangfu/application';
import { serve } from '../../api/src';
import { UsageError, parseArgs } from './args';
import { backupCommand, backupUsage } from './commands/backup.command';
import { benchCommand } from './commands/bench.command';
import { restoreCommand, restoreUsage } from './commands/restore.command';
import { checkpointCommand, checkpointUsage } from './commands/checkpoint.command';
import { verifyDossierCommand, verifyDossierUsage } from './commands/verify-dossier.command';
import { importCommand, importUsage } from './commands/import.command';
import { rebuildCommand } from './commands/rebuild.command';
import { simulateCommand, simulateUsage } from './commands/simulate.command';
import { tokenCommand, tokenUsage } from './commands/token.command';
import { verifyCommand, verifyUsage } from './commands/verify.command';

const USAGE = `usage: bangfu <command>
  serve                      run the API (same as npm start); configuration from the environment
  ${verifyUsage.replace(/\n/g, '\n  ')}
  rebuild [--only NAME,…]    rebuild the views into fresh tables and swap them in
  ${checkpointUsage}
  ${backupUsage}
  ${restoreUsage.replace(/\n/g, '\n  ')}
  ${verifyDossierUsage}
  ${importUsage}
  ${simulateUsage}
  ${tokenUsage.replace(/\n/g, '\n  ')}
  policy                     print the access policy (role × action) as a Markdown table
  bench                      measure the event store and write BENCHMARKS.md
  bench --console [--runs N] measure the web console's budgets (first screen, each page's data) into BENCHMARKS.md
environment: BANGFU_DATA_DIR (./data), PORT (3000), HOST (127.0.0.1), BANGFU_STORE (sqlite)`;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.has('help') && args.positional.length === 0) {
    console.log(USAGE);
    return 0;
  }
  switch (args.positional[0]) {
    case 'serve':
      await serve(loadConfig());
      return -1; // keeps running
    case 'verify':
      return verifyCommand(args);
    case 'rebuild':
      return rebuildCommand(args);
    case 'checkpoint':
      return checkpointCommand(args);
    case 'backup':
      return backupCommand(args);
    case 'restore':
      return restoreCommand(args);
    case 'verify-dossier':
      return verifyDossierCommand(args);
    case 'import':
      return importCommand(args);
    case 'token':
      return tokenCommand(args);
    case 'simulate':
      return simulateCommand(args);
    case 'bench':
      return benchCommand(args);
    case 'policy':
      console.log(policyTable());
      return 0;
    case 'help':
      console.log(USAGE);
      return 0;
    case undefined:
      console.error(USAGE);
      return 2;
    default:
      throw new UsageError(`unknown command "${args.positional[0]}"\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigurationError) {
      console.error(`bangfu: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(`bangfu: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  },
);
