import { StateCache } from './state-cache';

describe('StateCache', () => {
  const decider = {};

  it('forgets the least recently used stream first when it is full', () => {
    // Given a cache of two streams, where a was read after b was kept.
    const cache = new StateCache({ maxStreams: 2 });
    cache.set('a', decider, 0, { n: 1 }, ['a0']);
    cache.set('b', decider, 0, { n: 2 }, ['b0']);
    cache.get('a', decider);
    // When a third stream is kept, then b is the one forgotten.
    cache.set('c', decider, 0, { n: 3 }, ['c0']);
    expect([cache.get('a', decider)?.state, cache.get('b', decider), cache.get('c', decider)?.state]).toEqual([
      { n: 1 },
      undefined,
      { n: 3 },
    ]);
    expect(cache.folded('b', 'b0')).toBe(false);
  });

  it('forgets the least recently used streams once the kept states fold more events than it may hold', () => {
    // Given a cache of 10 folded events holding a (4 events) and b (5 events).
    const cache = new StateCache({ maxEvents: 10 });
    cache.set('a', decider, 3, { n: 1 }, []);
    cache.set('b', decider, 4, { n: 2 }, []);
    expect(cache.size).toEqual({ streams: 2, events: 9 });
    // When a grows to 6 events, then b, used less recently, is forgotten to make room.
    cache.get('a', decider);
    cache.set('a', decider, 5, { n: 3 }, []);
    expect([cache.get('a', decider)?.state, cache.get('b', decider)]).toEqual([{ n: 3 }, undefined]);
    expect(cache.size).toEqual({ streams: 1, events: 6 });
    // A single stream larger than the whole budget is still kept: it is the one being worked on.
    cache.set('c', decider, 20, { n: 4 }, []);
    expect(cache.size).toEqual({ streams: 1, events: 21 });
  });

  it('remembers which events its states folded, so a resend of them is looked up in the log', () => {
    const cache = new StateCache();
    cache.set('a', decider, 1, { n: 1 }, ['e0', 'e1']);
    cache.set('a', decider, 2, { n: 2 }, ['e2']);
    expect(['e0', 'e2', 'e9'].map((id) => cache.folded('a', id))).toEqual([true, true, false]);
    // Without ids (a store that never sees a resend), nothing is reported folded.
    const lean = new StateCache({ rememberIds: false });
    lean.set('a', decider, 0, { n: 1 }, ['e0']);
    expect(lean.folded('a', 'e0')).toBe(false);
  });

  it('freezes what it keeps, nested parts included, but not buffers', () => {
    const cache = new StateCache();
    const state = { visits: [{ month: '2026-01' }], photo: Buffer.from('x') };
    cache.set('a', decider, 0, state, []);
    expect([Object.isFrozen(state), Object.isFrozen(state.visits), Object.isFrozen(state.visits[0])]).toEqual([true, true, true]);
    expect(() => state.photo.fill(0)).not.toThrow();
  });
});
