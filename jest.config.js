// One runner: pure specs, integration specs on real SQLite files and child processes, end-to-end specs through
// a real HTTP server (on SQLite and on the EventStoreDB adapter), and the console in a real browser. `npm test` runs them all.
const moduleNameMapper = { '^@bangfu/(.*)$': '<rootDir>/libs/$1/src/index.ts' };
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  // @fastify/static (Swagger UI) requires content-disposition 3, which ships only as ES modules: Node loads
  // it natively, jest's CommonJS runtime needs it transpiled.
  'node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
};
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform,
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  testTimeout: 30000,
  // A hook that times out leaves what it was starting (a server, a browser) running with nothing to close it, and
  // jest would then wait for it forever: the failure must be reported, not turned into a hang.
  forceExit: true,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs}/**/*.e2e-spec.ts'] },
    {
      ...base,
      displayName: 'e2e-esdb',
      testMatch: ['<rootDir>/apps/api/test/*.e2e-spec.ts'],
      // The access gate and body validation do not touch the store; they run once, on SQLite.
      testPathIgnorePatterns: ['access-matrix', 'malformed-bodies', 'route-without-policy', 'openapi-contract', 'fail-closed', 'console-api', 'legacy-log'],
      setupFiles: ['<rootDir>/apps/api/test/use-esdb.ts'],
      setupFilesAfterEnv: ['<rootDir>/apps/api/test/esdb-timeouts.ts'],
    },
    // The web console in a real browser (Debian's chromium through playwright-core) against a real server on the demo.
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/apps/console/test/*.browser-spec.ts'] },
  ],
};
