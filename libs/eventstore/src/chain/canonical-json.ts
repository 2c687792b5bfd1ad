/**
 * RFC 8785 (JSON Canonicalization Scheme): object keys sorted by UTF-16 code units, no whitespace,
 * numbers and strings serialised as ECMAScript does. The hash chain is computed over this form, so the
 * same event hashes the same on every adapter and every machine.
 *
 * Implementation: copy the value with its keys in sorted order, then let the native JSON.stringify
 * (which already serialises strings and numbers the RFC's way) write it — about three times faster
 * than assembling the text in JavaScript.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(sortedCopy(value));
  if (text === undefined) throw new TypeError(`canonical JSON cannot hold ${typeof value}`);
  return text;
}

function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold ${value}`);
      return value;
    case 'bigint':
      throw new TypeError('canonical JSON cannot hold a bigint; store amounts as integer fen within 2^53');
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(sortedCopy);
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortedCopy((value as { toJSON(): unknown }).toJSON());
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, exactly as RFC 8785 orders keys.
      const keys = Object.keys(record).sort();
      const copy: Record<string, unknown> = {};
      for (const key of keys) copy[key] = sortedCopy(record[key]);
      return copy;
    }
    default:
      return value; // strings, booleans; undefined, functions and symbols are dropped by JSON.stringify
  }
}
