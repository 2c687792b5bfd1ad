export const CLOCK = Symbol('CLOCK');
export const PROJECTIONS = Symbol('PROJECTIONS');
