/**
 * RFC 8785 (JSON Canonicalization Scheme): object keys sorted by UTF-16 code units, no whitespace,
 * numbers and strings serialised as ECMAScript does. The hash chain is computed over this form, so the
 * same event hashes the same on every adapter and every machine.
 *
 * Fast path: copy the value with its keys in sorted order and let the native JSON.stringify write it
 * (about three times faster than assembling the text in JavaScript). JavaScript enumerates integer-like
 * keys ("9", "10") first and in numeric order whatever the insertion order, so an object holding one
 * cannot be written that way; such values take the slow path, which writes the text itself.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(sortedCopy(value));
  } catch (error) {
    if (error !== INDEX_KEY) throw error;
    text = write(value);
  }
  if (text === undefined) throw new TypeError(`canonical JSON cannot hold ${typeof value}`);
  return text;
}

const INDEX_KEY = Symbol('integer-like key');
const isIndexLike = (key: string) => /^(0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;

function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      return finite(value);
    case 'bigint':
      throw bigintError();
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(sortedCopy);
      if (hasToJson(value)) return sortedCopy(value.toJSON());
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, exactly as RFC 8785 orders keys.
      const keys = Object.keys(record).sort();
      const copy: Record<string, unknown> = {};
      for (const key of keys) {
        if (isIndexLike(key)) throw INDEX_KEY;
        copy[key] = sortedCopy(record[key]);
      }
      return copy;
    }
    default:
      return value; // strings and booleans; undefined, functions and symbols are dropped by JSON.stringify
  }
}

function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return JSON.stringify(finite(value));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw bigintError();
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item) => (isDropped(item) ? 'null' : write(item))).join(',')}]`;
      if (hasToJson(value)) return write(value.toJSON());
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .filter((key) => !isDropped(record[key]))
        .map((key) => `${JSON.stringify(key)}:${write(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold ${value}`);
  return value;
}

function bigintError(): TypeError {
  return new TypeError('canonical JSON cannot hold a bigint; store amounts as integer fen within 2^53');
}

function hasToJson(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function isDropped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
