import { rebuildProjections } from '@bangfu/projections';
import { systemClock } from '@bangfu/workflow';
import { allProjections, loadConfig, openEventStore, openReadStore } from '@bangfu/application';
import { type ParsedArgs, UsageError, flag, onlyFlags } from '../args';
import { progressBar } from '../progress';
import { simulate } from '../simulate/simulation-runner';

export const simulateUsage =
  'simulate --households N --months M --seed S [--start YYYY-MM] [--no-views]\n' +
  "                             write a province's history on a virtual clock into an empty data dir";

function positiveInteger(args: ParsedArgs, name: string, fallback?: string, max = Number.MAX_SAFE_INTEGER): number {
  const text = flag(args, name, fallback);
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new UsageError(`--${name} must be a whole number from 1 to ${max}, not "${text}"`);
  return value;
}

/**
 * `bangfu simulate`: households, visits, handovers, funds and the obligations they trigger, written through
 * the API's command handlers at bulk speed; then the views are built unless --no-views.
 */
export async function simulateCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['households', 'months', 'seed', 'start', 'no-views']);
  const households = positiveInteger(args, 'households', undefined, 5_000_000);
  const months = positiveInteger(args, 'months', undefined, 120);
  const seed = positiveInteger(args, 'seed', '1', 2 ** 31);
  const firstMonth = flag(args, 'start', '2021-01');
  if (!/^20\d\d-(0[1-9]|1[0-2])$/.test(firstMonth)) throw new UsageError(`--start must be a month like 2021-01, not "${firstMonth}"`);
  const config = loadConfig();
  const bar = progressBar();
  const report = await simulate(config, {
    households,
    months,
    seed,
    firstMonth,
    onProgress: (done, total, events) => bar.update(`simulate (${events.toLocaleString('en')} events)`, done, total),
  });
  bar.done();
  const refused = [...report.refused].map(([code, n]) => `${code} ${n}`).join(', ');
  console.log(
    `simulated ${report.plan.households.toLocaleString('en')} households in ${report.plan.counties.length} counties over ${months} months: ` +
      `${report.events.toLocaleString('en')} events from ${report.commands.toLocaleString('en')} commands and ${report.timersFired.toLocaleString('en')} timers ` +
      `in ${(report.ms / 1000).toFixed(1)} s (${Math.round(report.events / (report.ms / 1000)).toLocaleString('en')} events/s)` +
      (refused ? `; refused as the rules say: ${refused}` : ''),
  );
  if (args.flags.has('no-views')) return 0;
  const store = openEventStore(config, systemClock);
  const views = openReadStore(config);
  try {
    const started = Date.now();
    await rebuildProjections(store, views, allProjections, (name, position, head) => bar.update(`views: ${name}`, position, head));
    bar.done();
    console.log(`views built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await store.close();
    views.close();
  }
  return 0;
}
