export * from './clock/clock';
export * from './timers/timer.decider';
export * from './timers/due-timers.projection';
export * from './timers/timer-scheduler';
