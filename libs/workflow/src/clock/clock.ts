/** The only way the workflow layer learns the time, so tests and `bangfu simulate` can run months in seconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class VirtualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): Date {
    if (ms < 0) throw new RangeError('a clock does not run backwards');
    this.current += ms;
    return this.now();
  }

  set(to: Date | string): Date {
    const next = new Date(to).getTime();
    if (next < this.current) throw new RangeError('a clock does not run backwards');
    this.current = next;
    return this.now();
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;
