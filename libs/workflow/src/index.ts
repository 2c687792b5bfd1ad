export * from './clock/clock';
export * from './timers/timer.decider';
export * from './timers/due-timers.projection';
export * from './timers/timer-scheduler';
export * from './process/process-manager';
export * from './process/process-manager-runner';
export * from './visit-obligations/visit-obligations.process';
