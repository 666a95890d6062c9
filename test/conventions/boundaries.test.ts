import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The folder boundaries of docs/architecture.md are ESLint rules: each case lints a line of
 * code as if it stood in a file of that folder and expects it refused (or allowed).
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const refused: [string, string, string][] = [
  [
    'lib/domain/x.ts',
    "import { db } from '../db/database';\nexport const y = db;",
    'attain/folder-boundaries',
  ],
  [
    'lib/domain/x.ts',
    "import { app } from '../../server/app';\nexport const y = app;",
    'attain/folder-boundaries',
  ],
  [
    'lib/domain/x.ts',
    "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;",
    'no-restricted-imports',
  ],
  ['lib/domain/x.ts', 'export const y = document.title;', 'no-restricted-globals'],
  [
    'lib/crm/x.ts',
    "import { db } from '../db/database';\nexport const y = db;",
    'attain/folder-boundaries',
  ],
  [
    'lib/crm/x.ts',
    "import { useState } from 'react';\nexport const y = useState;",
    'no-restricted-imports',
  ],
  ['lib/crm/x.ts', "import { z } from 'zod';\nexport const y = z;", 'no-restricted-imports'],
  [
    'entrypoints/crm.content.ts',
    "import Dexie from 'dexie';\nexport const y = Dexie;",
    'no-restricted-imports',
  ],
  [
    'entrypoints/crm.content.ts',
    "import { createRoot } from 'react-dom/client';\nexport const y = createRoot;",
    'no-restricted-imports',
  ],
  [
    'lib/sync/x.ts',
    "import { Sidebar } from '../../components/sidebar';\nexport const y = Sidebar;",
    'attain/folder-boundaries',
  ],
  [
    'components/x.ts',
    "import { detectRecord } from '../lib/crm';\nexport const y = detectRecord;",
    'attain/folder-boundaries',
  ],
  [
    'server/x.ts',
    "import { db } from '../lib/db/database';\nexport const y = db;",
    'attain/folder-boundaries',
  ],
  [
    'demo/x.ts',
    "import { computeStatement } from '../lib/domain';\nexport const y = computeStatement;",
    'attain/folder-boundaries',
  ],
  [
    'entrypoints/background.ts',
    "import { createApp } from '../server/app';\nexport const y = createApp;",
    'attain/folder-boundaries',
  ],
];

const allowed: [string, string][] = [
  ['lib/crm/x.ts', "import { isIsoDate } from '../domain/dates';\nexport const y = isIsoDate;"],
  [
    'server/x.ts',
    "import { computeStatement } from '../lib/domain';\nexport const y = computeStatement;",
  ],
  ['lib/crm/x.ts', "import { z } from 'zod/mini';\nexport const y = z;"],
];

describe('folder boundaries', () => {
  it.each(refused)('%s may not: %s', async (file, code, rule) => {
    const messages = await messagesFor(file, code);
    expect(messages.some((m) => m.startsWith(`${rule}:`))).toBe(true);
  });

  it.each(allowed)('%s may: %s', async (file, code) => {
    const messages = await messagesFor(file, code);
    expect(messages.filter((m) => /restricted/.test(m))).toEqual([]);
  });
});
