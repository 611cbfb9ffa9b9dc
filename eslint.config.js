// Lint guards the architecture; Prettier settles style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'e2e/screenshots/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'bin/*.js', 'web/vite.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      // Only config.ts reads the environment.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through server/config.ts.' }],
    },
  },
  {
    files: ['server/config.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'web/vite.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Modules talk to each other through their index.ts only.
    files: ['server/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)[a-z-]+/(?!index\\.js$)',
              message: 'Import another module through its index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations are frozen in time: no application imports.
    files: ['server/platform/db/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./', message: 'Migrations must not import application code.' }] }],
    },
  },
  {
    // Shared code runs in the browser too.
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^node:', message: 'shared/ runs in the browser.' }, { regex: '^\\.\\./(server|web)/' }] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
