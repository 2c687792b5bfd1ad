export const CLOCK = Symbol('CLOCK');
export const PROJECTIONS = Symbol('PROJECTIONS');
export const COMMANDS_ONLY = Symbol('COMMANDS_ONLY');
