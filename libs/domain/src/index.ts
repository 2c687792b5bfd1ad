export * from './shared/actor';
export * from './shared/decider';
export * from './shared/domain-error';
export * from './registry/region/region-code';
export * from './registry/region/region.decider';
export * from './shared/personal-data';
export * from './access/access-events';
