import { recordedEvent } from '@bangfu/testing';
import { applyBatch } from '../runner/apply-batch';
import { ReadStore } from '../store/read-store';
import { businessEventCount, eventCountsProjection } from './event-counts.projection';

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
      streams.map((streamId, i) => recordedEvent(i + 1, { streamId })),
      0,
    );
    expect(businessEventCount(views)).toBe(4);
  });
});
