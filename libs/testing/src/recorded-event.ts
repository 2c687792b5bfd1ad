import type { RecordedEvent } from '@bangfu/eventstore';

/**
 * An event as a store hands it to the views, for specs that feed projections directly: position N gets a
 * deterministic id and hash, and any field may be given.
 */
type Fields = Partial<Omit<RecordedEvent, 'position' | 'metadata'>> & { metadata?: Partial<RecordedEvent['metadata']> };

export function recordedEvent(position: number, fields: Fields = {}): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: 'Something',
    streamId: 'household-1',
    revision: 0,
    position,
    data: {},
    ...fields,
    metadata: {
      actor: { id: 'a', roles: ['cadre'] },
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'c',
      recordedAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
      prevHash: '0'.repeat(64),
      hash: String(position).padStart(64, '0'),
      ...fields.metadata,
    },
  };
}
