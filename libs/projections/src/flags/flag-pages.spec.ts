import { mergeNewestFirst, newerThan, readsNewestFirst, type ListedFlag } from './flag-pages';

const flag = (flag_id: string, occurred_at: string): ListedFlag => ({
  flag_id,
  type: 'T',
  household_id: null,
  village_code: '222426103201',
  cadre_id: null,
  occurred_at,
  period_to: null,
  raised_at: occurred_at,
  details: '{}',
  event_ids: '[]',
});

/** A source that counts how far it was read and whether it was closed. */
function counted(flags: ListedFlag[]) {
  const seen = { read: 0, closed: false };
  function* rows() {
    try {
      for (const row of flags) {
        seen.read++;
        yield row;
      }
    } finally {
      seen.closed = true;
    }
  }
  return { rows: rows(), seen };
}

describe('the inbox page: sources merged newest first', () => {
  it('given two sources in order, when a page of 3 is taken, then it interleaves them by time then id and reads no further', () => {
    const a = counted([flag('a1', '2026-03-05'), flag('a2', '2026-03-03'), flag('a3', '2026-03-01'), flag('a4', '2026-02-01')]);
    const b = counted([flag('b1', '2026-03-04'), flag('b0', '2026-03-03')]);
    const page = mergeNewestFirst([a.rows, b.rows], () => true, 3);
    expect(page.map((f) => f.flag_id)).toEqual(['a1', 'b1', 'a2']);
    // The head of each source after the page is all that was read beyond it.
    expect([a.seen.read, b.seen.read]).toEqual([3, 2]);
    expect([a.seen.closed, b.seen.closed]).toEqual([true, true]);
  });

  it('given a filter, when it refuses rows, then the page is filled from the rows after them', () => {
    const a = counted([flag('a1', '2026-03-05'), flag('a2', '2026-03-03'), flag('a3', '2026-03-01')]);
    expect(mergeNewestFirst([a.rows], (f) => f.flag_id !== 'a2', 2).map((f) => f.flag_id)).toEqual(['a1', 'a3']);
  });

  it('given a `from`, when a source passes it, then the source ends there without reading the older rows', () => {
    const a = counted([flag('a1', '2026-03-05'), flag('a2', '2026-03-03'), flag('a3', '2026-03-01')]);
    expect([...newerThan(a.rows, '2026-03-03')].map((f) => f.flag_id)).toEqual(['a1', 'a2']);
    expect([a.seen.read, a.seen.closed]).toEqual([3, true]);
  });

  it('reads a county or wider newest first, a township or a village by its range', () => {
    expect([readsNewestFirst(['52', '53']), readsNewestFirst(['520101', '520102'])]).toEqual([true, true]);
    expect([readsNewestFirst(['520101001', '520101002']), readsNewestFirst(['520101001001', '520101001002'])]).toEqual([false, false]);
  });
});
