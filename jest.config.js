// Three projects, one runner: pure specs, integration specs on real SQLite files and child processes,
// and end-to-end specs through a real HTTP server. `npm test` runs all three.
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
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs}/**/*.e2e-spec.ts'] },
    {
      ...base,
      displayName: 'e2e-esdb',
      testMatch: ['<rootDir>/apps/api/test/*.e2e-spec.ts'],
      // The access gate and body validation do not touch the store; they run once, on SQLite.
      testPathIgnorePatterns: ['access-matrix', 'malformed-bodies', 'route-without-policy', 'openapi-contract', 'fail-closed'],
      setupFiles: ['<rootDir>/apps/api/test/use-esdb.ts'],
      setupFilesAfterEnv: ['<rootDir>/apps/api/test/esdb-timeouts.ts'],
    },
  ],
};
