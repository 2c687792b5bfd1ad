import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Which library owns which view tables: SQL naming a table is written only in its owner (view-owners.json, checked
// against every projection's declared tables by libs/application/src/views/view-owners.spec.ts).
const viewOwners = JSON.parse(readFileSync(new URL('./view-owners.json', import.meta.url), 'utf8'));
const namingTables = (tables) => {
  const sql = `/\\b(FROM|JOIN|INTO|UPDATE|TABLE( IF NOT EXISTS)?)\\s+\\{?(${tables.join('|')})\\b/`;
  return [
    { selector: `Literal[value=${sql}]`, message: "SQL names a view table outside its owner: use the owner's exported query." },
    { selector: `TemplateElement[value.raw=${sql}]`, message: "SQL names a view table outside its owner: use the owner's exported query." },
  ];
};
const projectionTables = viewOwners['libs/projections'];
const workflowTables = viewOwners['libs/workflow'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Libraries never reach into an app.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'a library does not import an app.' }] }],
    },
  },
  {
    // The domain is pure: it imports only itself (and node's hashing, for the sample's digest and seeded draw).
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Any package (scoped or bare) but node's hashing, or a relative path out of libs/domain/src.
              regex: '^(?!\\.{1,2}/|node:crypto$)|^(\\.\\./){3,}|/apps/',
              message: 'libs/domain imports nothing but itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The application services are plain classes: no framework, no HTTP — the API, the CLI and the demo all use them.
    files: ['libs/application/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**'], message: 'a library does not import an app.' },
            { regex: '^(@nestjs/|fastify)', message: 'libs/application is framework-free: Nest and HTTP stay in apps/api.' },
          ],
        },
      ],
    },
  },
  {
    // Apps never reach into another app's internals: the CLI uses the API only through its public entry.
    files: ['apps/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '/api/src/.', message: 'import the API app through its entry, apps/api/src (index.ts), not its internals.' },
            { regex: '/console/', message: 'the CLI does not import the console.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)(cli|console)/src(/|$)', message: 'the API app does not import another app.' }] },
      ],
    },
  },
  {
    // No code outside a view's owner names its tables (the owners export typed queries instead).
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts'],
    ignores: ['libs/projections/src/**', 'libs/workflow/src/**'],
    rules: { 'no-restricted-syntax': ['error', ...namingTables([...projectionTables, ...workflowTables])] },
  },
  { files: ['libs/projections/src/**/*.ts'], rules: { 'no-restricted-syntax': ['error', ...namingTables(workflowTables)] } },
  { files: ['libs/workflow/src/**/*.ts'], rules: { 'no-restricted-syntax': ['error', ...namingTables(projectionTables)] } },
  {
    files: ['apps/cli/**/*.ts', 'libs/testing/**/*.ts', '**/*.int-spec.ts', '**/*.bench.ts'],
    rules: { 'no-console': 'off' },
  },
);
