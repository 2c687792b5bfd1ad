export * from './projection';
export * from './store/read-store';
export * from './runner/apply-batch';
export * from './runner/rebuild';
export * from './runner/projection-runner';
export * from './registry/regions.projection';
export * from './access/access-log.projection';
