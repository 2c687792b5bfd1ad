/** Times as county staff read them: Asia/Shanghai, whatever the browser's own zone. */
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const DATE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export const shanghaiDateTime = (iso: string | null | undefined) => (iso ? DATE_TIME.format(new Date(iso)) : '—');
export const shanghaiDate = (iso: string | null | undefined) => (iso ? DATE.format(new Date(iso)) : '—');

/** 'YYYY-MM' of the Shanghai month an instant falls in. */
export function shanghaiMonth(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** A Shanghai wall-clock time from a datetime-local input ('2026-03-05T09:30') as an instant with its zone. */
export function fromShanghaiLocal(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}

/** Now, as a datetime-local value in Shanghai. */
export function shanghaiLocalNow(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** 分 as 元, exact to the fen (¥1,234.56). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('zh-CN')}.${String(abs % 100).padStart(2, '0')}`;
}

/** A picked calendar day as the API's instant: its first second in Shanghai, or with `end` its last. */
export function shanghaiDayBound(day: { format(pattern: string): string }, end = false): string {
  return `${day.format('YYYY-MM-DD')}T${end ? '23:59:59' : '00:00:00'}+08:00`;
}
