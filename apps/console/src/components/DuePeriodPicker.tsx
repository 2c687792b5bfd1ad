import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';

export interface DuePeriod {
  dueFrom?: string;
  dueTo?: string;
}

/** 考核期: the days a task's deadline must fall within to count; empty means every task. */
export function DuePeriodPicker({ onChange }: { onChange: (period: DuePeriod) => void }) {
  const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');
  return (
    <DatePicker.RangePicker
      allowEmpty={[true, true]}
      placeholder={['考核期自', '至']}
      onChange={(range) => onChange({ dueFrom: day(range?.[0]), dueTo: day(range?.[1]) })}
      data-testid="due-period"
    />
  );
}

/** The period as query parameters, beside the others a page sends. */
export function periodQuery(period: DuePeriod, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ ...extra, ...period }).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return new URLSearchParams(entries).toString();
}
