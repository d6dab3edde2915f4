// One lint config for the workspace: type-aware rules and the import boundaries of
// docs/architecture.md (schema <- domain <- store/runtime <- services; nothing imports a service).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Which workspace packages each folder may import. Everything else under @lingtan/ is refused. */
const BOUNDARIES = {
  'packages/schema': [],
  'packages/domain': ['schema'],
  'packages/store': ['schema', 'domain'],
  'packages/runtime': ['schema', 'domain'],
  'services/*': ['schema', 'domain', 'store', 'runtime'],
  simulator: ['schema', 'domain', 'runtime'],
  'tests/harness': [],
};
const ALL = ['schema', 'domain', 'store', 'runtime', 'harness', 'simulator', 'ingestor', 'rules', 'gateway', 'platform', 'tests', 'control-view'];

const boundaryBlocks = Object.entries(BOUNDARIES).map(([folder, allowed]) => ({
  files: [`${folder}/src/**/*.ts`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ALL.filter((name) => !allowed.includes(name)).map((name) => `@lingtan/${name}`),
            message: `${folder} may import only ${allowed.length ? allowed.map((a) => `@lingtan/${a}`).join(', ') : 'no workspace package'} (docs/architecture.md).`,
          },
          { group: ['@lingtan/*/*'], message: 'Import a package by its public entry, not a deep path.' },
          { group: ['../../*'], message: 'Do not reach into another package by a relative path; import it by name.' },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...boundaryBlocks,
  {
    // The domain is pure: no Node built-ins, no environment, no clock, no timers (a Clock is passed in).
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value=/^node:/]", message: 'packages/domain is pure: no Node built-ins.' },
        { selector: "MemberExpression[object.name='process']", message: 'packages/domain is pure: no process.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'packages/domain is pure: take a Clock.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'packages/domain is pure: take a Clock.' },
        { selector: "CallExpression[callee.name=/^(setTimeout|setInterval|setImmediate)$/]", message: 'packages/domain is pure: no timers.' },
      ],
    },
  },
  {
    // The control view runs in the browser: it may import @lingtan/schema for its types only
    // (no zod in the bundle) and no other workspace package. The zh-CN alert texts (schema's
    // alert-templates-zh.ts, zod-free; the schema package is sideEffects: false, so nothing
    // else comes along) are the exception: the view renders alert messages with the very
    // templates and function the rules service uses for its notifications.
    files: ['packages/control-view/src/**/*.ts', 'packages/control-view/src/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@lingtan/schema', allowTypeImports: true, allowImportNames: ['QUANTITY_NAMES_ZH', 'alertMessageZh', 'recommendationZh'], message: 'The control view imports @lingtan/schema with `import type` only (no zod in the bundle).' }],
          patterns: [
            { group: ALL.filter((name) => name !== 'schema').map((name) => `@lingtan/${name}`), message: 'packages/control-view may import only types from @lingtan/schema (docs/architecture.md).' },
            { group: ['@lingtan/*/*'], message: 'Import a package by its public entry, not a deep path.' },
            { group: ['../../*'], message: 'Do not reach into another package by a relative path; import it by name.' },
          ],
        },
      ],
    },
  },
  {
    // The view's dev fixture server prints where it listens, like the other command-line tools.
    files: ['packages/control-view/dev/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Command-line entry points talk to a person on the terminal.
    files: ['simulator/src/cli*.ts', 'simulator/src/commands/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
