import type { RecordedEvent } from '@bangfu/eventstore';
import { applyBatch } from '../runner/apply-batch';
import { ReadStore } from '../store/read-store';
import { businessEventCount, eventCountsProjection } from './event-counts.projection';

const event = (position: number, streamId: string): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  type: 'Something',
  streamId,
  revision: 0,
  position,
  data: {},
  metadata: {
    actor: { id: 'a', roles: ['cadre'] },
    occurredAt: '2026-01-01T00:00:00.000Z',
    correlationId: 'c',
    recordedAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
    prevHash: '0'.repeat(64),
    hash: String(position).padStart(64, '0'),
  },
});

describe('event counts', () => {
  it('given business events among access-log entries and timers, then only the business events are counted', () => {
    const views = new ReadStore(':memory:');
    views.createGeneration(eventCountsProjection, 1);
    views.switchViews(eventCountsProjection, 1);
    views.saveState({ name: eventCountsProjection.name, version: 1, generation: 1, position: 0, eventHash: null });
    const streams = ['household-1', 'access-20261201', 'fund-a', 'timer-x', 'household-1', 'access-20261201', 'ledger-checkpoints'];
    applyBatch(
      views,
      [eventCountsProjection],
      streams.map((stream, i) => event(i + 1, stream)),
      0,
    );
    expect(businessEventCount(views)).toBe(4);
  });
});
