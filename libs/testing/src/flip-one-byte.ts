/** The text with its first digit or lower-case letter changed: one stored byte, as a tamperer would. */
export function flipOneByte(text: string): string {
  const i = text.search(/[0-9a-z]/);
  if (i < 0) throw new Error('nothing to change in that text');
  return text.slice(0, i) + (text[i] === '1' ? '2' : '1') + text.slice(i + 1);
}
