// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import attain from './eslint-rules/folder-boundaries.js';
import globals from 'globals';

/** Heavy libraries a content script must never pull in (bundle budget, page isolation). */
const contentScriptBans = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
          message: 'Content scripts ship no React.',
        },
        {
          group: ['dexie', 'dexie/*'],
          message: 'Content scripts never touch IndexedDB (it belongs to the CRM origin).',
        },
        { regex: '^zod(/v4|/v3)?$', message: 'Content scripts use zod/mini only.' },
        { group: ['@tanstack/*'], message: 'Content scripts ship no TanStack Query.' },
        {
          group: ['**/components/**', '**/lib/db/**', '**/lib/sync/**'],
          message: 'Content scripts import only lib/crm, lib/messaging and lib/domain.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.output',
      '.wxt',
      'data',
      'coverage',
      'bench/results',
      'test-results',
      'demo/public',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { attain },
    rules: {
      'attain/folder-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['lib/domain/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'indexedDB',
        'fetch',
        'chrome',
        'browser',
        'process',
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'react', 'dexie', 'wxt', 'wxt/*', 'hono', 'kysely'],
              message: 'lib/domain is pure: no I/O, DOM or framework imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['entrypoints/*.content.ts', 'entrypoints/*.content/**', 'lib/crm/**'],
    rules: contentScriptBans,
  },
);
