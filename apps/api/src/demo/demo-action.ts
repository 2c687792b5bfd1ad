import type { Actor, DomainCommand } from '@bangfu/domain';

/** One thing the demo records, on the virtual clock. */
export interface DemoAction {
  /** When it is recorded (the virtual clock). */
  at: number;
  actor: Actor;
  command: DomainCommand;
  /** Business time, when it differs from the record time. */
  occurredAt?: number;
  key: string;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
