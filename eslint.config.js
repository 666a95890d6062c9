// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

/**
 * Folder boundaries from docs/architecture.md. Each zone lists what code in `target`
 * may NOT import. Relative imports are resolved, so `../../server` is caught too.
 */
const everythingBut = (allowed) =>
  [
    'lib/domain',
    'lib/crm',
    'lib/db',
    'lib/sync',
    'lib/messaging',
    'components',
    'entrypoints',
    'server',
    'demo',
    'test',
    'bench',
  ]
    .filter((p) => !allowed.includes(p))
    .map((p) => `./${p}`);

const zones = [
  {
    target: './lib/domain',
    from: everythingBut(['lib/domain']),
    message: 'lib/domain is pure: it imports nothing outside itself.',
  },
  {
    target: './lib/crm',
    from: everythingBut(['lib/domain', 'lib/crm']),
    message: 'lib/crm may import only lib/domain.',
  },
  {
    target: './lib/db',
    from: everythingBut(['lib/domain', 'lib/db']),
    message: 'lib/db may import only lib/domain.',
  },
  {
    target: './lib/sync',
    from: everythingBut(['lib/domain', 'lib/db', 'lib/sync']),
    message: 'lib/sync may import lib/domain and lib/db.',
  },
  {
    target: './lib/messaging',
    from: everythingBut(['lib/domain', 'lib/messaging']),
    message: 'lib/messaging may import only lib/domain.',
  },
  {
    target: './components',
    from: ['./lib/crm', './entrypoints', './server', './demo', './test', './bench'],
    message: 'components may import lib/* except lib/crm.',
  },
  {
    target: './server',
    from: everythingBut(['lib/domain', 'server']),
    message: 'server may import only lib/domain.',
  },
  {
    target: './demo',
    from: everythingBut(['demo']),
    message: 'demo is a separate app: it imports nothing of the extension.',
  },
  {
    target: './entrypoints',
    from: ['./server', './demo', './test', './bench'],
    message: 'entrypoints ship in the extension: no server, demo, test or bench code.',
  },
];

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
        { group: ['zod', 'zod/v4', 'zod/v4/*'], message: 'Content scripts use zod/mini only.' },
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
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
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
