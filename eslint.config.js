// Lint rules, including the ones that encode the architecture (README "How it fits together"):
// - the dashboard imports nothing from the server side but contract/;
// - ingest and realtime never import each other (they meet in the store);
// - contract/ depends on no service folder;
// - no import cycles anywhere.
// Formatting is Prettier's job (prettier.config.js); nothing here argues with it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';

const SERVER_FOLDERS = ['store', 'ingest', 'realtime', 'reporting-db', 'center', 'bin', 'kiosk', 'scripts', 'bench', 'e2e'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'test-results/**', 'bench/results/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['dashboard/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './dashboard',
              from: SERVER_FOLDERS.map((f) => `./${f}`),
              message: 'The dashboard talks to the server through contract/ types and dashboard/src/api only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['{contract,store,ingest,realtime,reporting-db,center,kiosk}/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './ingest',
              from: './realtime',
              message: 'Ingest and realtime meet in the store, never import each other.',
            },
            {
              target: './realtime',
              from: './ingest',
              message: 'Ingest and realtime meet in the store, never import each other.',
            },
            {
              target: './contract',
              from: ['./store', './ingest', './realtime', './reporting-db', './center', './bin', './kiosk', './dashboard'],
              message: 'contract/ is shared by every folder and depends on none of them.',
            },
            {
              target: './store',
              from: ['./ingest', './realtime', './dashboard'],
              message: 'The store depends on the contract only.',
            },
            {
              target: './kiosk',
              from: ['./dashboard', './ingest', './realtime'],
              message: 'The kiosk drives pages; it does not import them.',
            },
            {
              target: ['./ingest', './realtime', './store', './center', './reporting-db'],
              from: './dashboard',
              message: 'Server code never imports the dashboard.',
            },
          ],
        },
      ],
    },
  },
  {
    // Shared test fixtures (testing/) are for the dashboard's tests, never its code.
    files: ['dashboard/**/*.{ts,tsx}'],
    ignores: ['dashboard/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/testing/*'], message: 'Test fixtures stay in tests.' }] }],
    },
  },
  {
    // Tests may use `any`-shaped probes and non-null assertions on fixtures they built themselves.
    files: ['**/*.test.{ts,tsx}', 'e2e/**', 'bench/**', 'testing/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
