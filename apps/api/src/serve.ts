import { Logger } from '@nestjs/common';
import type { BangfuConfig } from '@bangfu/application';
import { createApp } from './create-app';
import { loadDemoIfEmpty } from './demo/load-demo';
import { checkpointKeyWarning } from './ledger/key-placement';

/** Starts the API on the configured port; loads the demo work plan into an empty store first. */
export async function serve(config: BangfuConfig): Promise<void> {
  const demoLoaded = config.demo && (await loadDemoIfEmpty(config));
  const app = await createApp(config);
  await app.init();
  // Logged once the app's logger is in place: the demo's own app runs with logging off.
  if (demoLoaded)
    new Logger('demo').log('loaded the demo: a year of seed 000’s 包保 and 资金 work (吉林省卫生健康委, 德化村, 盘道村, 永兴村, 称多县)');
  const keyWarning = checkpointKeyWarning(config);
  if (keyWarning) new Logger('bangfu').warn(keyWarning);
  await app.listen({ port: config.port, host: config.host });
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  new Logger('bangfu').log(
    `console at ${base}/ — API at ${base}/api/v1, docs at ${base}/docs, health at ${base}/health — data in ${config.dataDir}`,
  );
}
