import { rebuildProjections } from '@bangfu/projections';
import { systemClock } from '@bangfu/workflow';
import { allProjections, loadConfig, openEventStore, openReadStore } from '@bangfu/application';
import { type ParsedArgs, UsageError, flags, onlyFlags } from '../args';
import { progressBar } from '../progress';

/** Rebuilds views into fresh tables and swaps them in; a running API keeps serving the old ones meanwhile. */
export async function rebuildCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['only']);
  const only = flags(args, 'only');
  const unknown = only.filter((name) => !allProjections.some((p) => p.name === name));
  if (unknown.length)
    throw new UsageError(`unknown projection ${unknown.join(', ')}; projections are ${allProjections.map((p) => p.name).join(', ')}`);
  const selected = only.length ? allProjections.filter((p) => only.includes(p.name)) : allProjections;
  const config = loadConfig();
  const store = openEventStore(config, systemClock, { scansOnce: true });
  const views = openReadStore(config);
  try {
    const bar = progressBar();
    const reports = await rebuildProjections(store, views, selected, (name, position, head) => bar.update(name, position, head));
    bar.done();
    for (const r of reports) {
      console.log(`${r.name}: ${r.events} events → generation ${r.generation} at position ${r.position} in ${r.ms} ms`);
    }
    return 0;
  } finally {
    await store.close();
    views.close();
  }
}
