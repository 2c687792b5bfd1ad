import { utc } from '../../http/dispatch';
import { Instant } from '../../http/common-validators';
import { ProblemException } from '../../http/problem';
import { ViewQueryDto } from '../../http/view-query.dto';

/** `?from&to&knownAt` of a 责任回溯: a period in business time, read as the record stood at a record time. */
export class RecordPeriodQueryDto extends ViewQueryDto {
  @Instant('the period from (business time); twelve months before `to` when omitted') from?: string;
  @Instant('the period to (business time, exclusive); now when omitted; 422 PERIOD_INVALID before `from`') to?: string;
  @Instant('read the record as it stood at this instant (record time); now when omitted') knownAt?: string;
}

const YEAR = 365 * 86_400_000;

/** The period and record time a query names, in UTC; a period that does not end after it begins is refused. */
export function recordPeriod(query: RecordPeriodQueryDto, now: Date): { from: string; to: string; knownAt: string } {
  const to = utc(query.to, now);
  const from = query.from ? utc(query.from, now) : new Date(Date.parse(to) - YEAR).toISOString();
  if (from >= to) {
    throw new ProblemException(422, 'VALIDATION_FAILED', 'the period is invalid', [
      { field: 'to', message: `to (${to}) is not after from (${from})`, code: 'PERIOD_INVALID' },
    ]);
  }
  return { from, to, knownAt: utc(query.knownAt, now) };
}
