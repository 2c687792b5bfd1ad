import { BucketMap } from './bucket-map';

describe('BucketMap', () => {
  it('answers like a Map and never changes a map it was derived from', () => {
    let map = BucketMap.empty<number>();
    const snapshots: BucketMap<number>[] = [];
    for (let i = 0; i < 2000; i++) {
      snapshots.push(map);
      map = map.set(`d-${i}`, i);
    }
    map = map.set('d-7', 70);
    expect(map.size).toBe(2000);
    expect(map.get('d-7')).toBe(70);
    expect(map.get('d-1999')).toBe(1999);
    expect(map.has('d-2000')).toBe(false);
    expect([...map.values()].reduce((a, b) => a + b, 0)).toBe((1999 * 2000) / 2 - 7 + 70);
    // Older versions still hold exactly what they held.
    expect(snapshots[10].size).toBe(10);
    expect(snapshots[10].has('d-10')).toBe(false);
    expect(snapshots[1000].get('d-7')).toBe(7);
  });
});
