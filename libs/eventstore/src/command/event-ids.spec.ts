import { eventIdsFor, nameBasedUuid } from './event-ids';

describe('event ids', () => {
  it('derives the same version-5 UUID from a name as every earlier release did (resends stay idempotent)', () => {
    // Values written by the first release; a change of namespace or hashing would break every stored key.
    expect(nameBasedUuid('visit:4211020010010001:2023-05#0')).toBe('dbe951cb-01c9-50ad-9cfa-5e4f2082e8db');
    expect(nameBasedUuid('走访#1')).toBe('c4e0cdba-fc5d-5ce2-80e7-345fb01154c2');
  });

  it('numbers a command’s events under its key, and falls back to random ids without one', () => {
    expect(eventIdsFor(2, 'k')).toEqual([nameBasedUuid('k#0'), nameBasedUuid('k#1')]);
    const [a, b] = eventIdsFor(2);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});
