import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { ProjectionRunner } from '@bangfu/projections';
import type { Clock } from '@bangfu/workflow';
import { CommandRouter } from '../infrastructure/command-router';
import { CLOCK } from '../infrastructure/tokens';
import { SEED_000_REGIONS } from './seed-000-regions';

/** The demo's provincial office, as whom the demo work is recorded. */
export const DEMO_ADMIN = { id: 'demo-jilin-admin', name: '吉林省卫生健康委 演示管理员', roles: ['county-admin'], regionCode: '220000' };

/** On an empty store, records the demo work plan through the same command path the API uses. */
export async function loadDemoIfEmpty(app: INestApplication): Promise<boolean> {
  const store = app.get<EventStore>(EVENT_STORE);
  if ((await store.headPosition()) > 0) return false;
  const router = app.get(CommandRouter);
  const clock = app.get<Clock>(CLOCK);
  let position = 0;
  for (const region of SEED_000_REGIONS) {
    const result = await router.dispatch(
      { type: 'RegisterRegion', data: { ...region, parent: null } },
      { actor: DEMO_ADMIN, now: clock.now(), idempotencyKey: `demo:region:${region.code}` },
    );
    position = result.position;
  }
  await app.get(ProjectionRunner).waitFor(position);
  new Logger('demo').log(`loaded the demo work plan of seed 000: ${SEED_000_REGIONS.length} regions`);
  return true;
}
