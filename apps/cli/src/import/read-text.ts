/**
 * County offices export CSV from Excel in GBK (GB18030) as often as in UTF-8. A file that is valid UTF-8 is
 * read as UTF-8 (Chinese text in GBK is almost never valid UTF-8); anything else as GB18030, GBK's superset.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
