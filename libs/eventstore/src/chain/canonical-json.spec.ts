import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: '德化村' } })).toBe('{"a":{"c":"德化村","d":[3,{"y":2,"z":1}]},"b":1}');
    // "€" (U+20AC) sorts before "😀" (surrogate pair D83D…) and after "\u0080": code units, not code points.
    expect(canonicalJson({ '😀': 1, '€': 2, '\u0080': 3 })).toBe('{"\u0080":3,"€":2,"😀":1}');
  });

  it('orders integer-like keys as strings, unlike JavaScript property order', () => {
    expect(canonicalJson({ a: 3, 9: 2, 10: 1, B: 4 })).toBe('{"10":1,"9":2,"B":4,"a":3}');
    expect(canonicalJson([{ 2: 'x', 1: { 20: true, 3: false } }])).toBe('[{"1":{"20":true,"3":false},"2":"x"}]');
  });

  it('writes numbers and strings as ECMAScript does, drops undefined members, nulls undefined array items', () => {
    expect(canonicalJson({ n: [1e21, 1e-7, -0, 0.1, 100], s: 'a"\n\u2028', u: undefined })).toBe(
      '{"n":[1e+21,1e-7,0,0.1,100],"s":"a\\"\\n\u2028"}',
    );
    expect(canonicalJson([undefined, () => 1])).toBe('[null,null]');
    expect(canonicalJson({ at: new Date('2026-01-01T00:00:00Z') })).toBe('{"at":"2026-01-01T00:00:00.000Z"}');
  });

  it('refuses what JSON cannot hold faithfully', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ x: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ x: BigInt(1) })).toThrow(TypeError);
    expect(() => canonicalJson({ 5: Number.NaN })).toThrow(TypeError);
  });
});
