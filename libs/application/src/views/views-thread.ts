import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { serveViewsThread, type ViewsThreadSpec } from '@bangfu/projections';
import { systemClock } from '@bangfu/workflow';
import type { BangfuConfig } from '../config/bangfu-config';
import { openEventStore, openReadStore } from '../config/open-stores';
import { allProjections } from './projection-catalog';

/**
 * Where the API applies its views: on a thread of their own unless configured inline. A worker thread loads
 * compiled JavaScript, so the views stay on the API's thread where this module runs as TypeScript (under ts-jest).
 */
export function viewsThreadFor(config: BangfuConfig): ViewsThreadSpec | undefined {
  if (config.viewsThread === 'inline' || !__filename.endsWith('.js')) return undefined;
  return { file: __filename, workerData: { viewsThreadOf: config } };
}

// Loaded as the views' thread: the same views, on connections of its own to the configured log and views.db.
if (!isMainThread && parentPort && (workerData as { viewsThreadOf?: BangfuConfig } | undefined)?.viewsThreadOf) {
  const config = (workerData as { viewsThreadOf: BangfuConfig }).viewsThreadOf;
  void serveViewsThread(parentPort, () => ({
    // The thread never appends: the clock only stamps appends.
    store: openEventStore(config, systemClock),
    views: openReadStore(config),
    projections: allProjections,
  }));
}
