// @ts-check
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyInTheApp = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'Only src-main/app and src-main/preload may import electron.' }],
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/app/**', 'src-main/preload/**'],
    rules: electronOnlyInTheApp,
  },
  {
    files: ['src-renderer/**/*.{ts,svelte}', 'test/renderer/**/*.svelte'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
);
