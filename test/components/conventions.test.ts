// @vitest-environment jsdom
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../components/views';
import { en } from '../../components/i18n/en';
import { id } from '../../components/i18n/id';
import { coreCommands } from '../../components/workbench/core-commands';
import { viewRegistry } from '../../components/workbench/ViewRegistry';

const VIEWS = join(__dirname, '../../components/views');
const folders = readdirSync(VIEWS).filter((name) => statSync(join(VIEWS, name)).isDirectory());
const views = viewRegistry.all();

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('view modules', () => {
  it.each(folders)('%s has an index.ts that components/views/index.ts imports', (folder) => {
    expect(statSync(join(VIEWS, folder, 'index.ts')).isFile()).toBe(true);
    expect(readFileSync(join(VIEWS, 'index.ts'), 'utf8')).toContain(`import './${folder}';`);
  });

  it('register exactly one view each, named after the folder', () => {
    expect(views.map((v) => v.id).sort()).toEqual([...folders].sort());
    for (const folder of folders) {
      expect(readFileSync(join(VIEWS, folder, 'index.ts'), 'utf8')).toMatch(
        /registerView\(\{\s*id: '([a-z-]+)'/,
      );
    }
  });

  it.each(views.map((v) => [v.id, v] as const))('%s is translated in every language', (_, view) => {
    expect(en[view.title]).toBeTruthy();
    expect(id[view.title]).toBeTruthy();
    for (const command of view.commands ?? []) {
      expect(en[command.title] && id[command.title]).toBeTruthy();
      expect(en[command.category] && id[command.category]).toBeTruthy();
    }
  });

  it('give every command a unique id and every view a unique shortcut digit', () => {
    const ids = [...coreCommands, ...viewRegistry.commands()].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const digits = views.flatMap((v) => (v.keyDigit === undefined ? [] : [v.keyDigit]));
    expect(new Set(digits).size).toBe(digits.length);
  });

  it('hold a presentational view apart from its container', () => {
    for (const folder of folders) {
      const names = readdirSync(join(VIEWS, folder));
      expect(
        names.some((n) => n.endsWith('Container.tsx')),
        folder,
      ).toBe(true);
      expect(
        names.some((n) => n.endsWith('View.tsx')),
        folder,
      ).toBe(true);
    }
  });
});

describe('components', () => {
  const sources = files(join(__dirname, '../../components')).filter((f) => /\.tsx?$/.test(f));

  it('never parse anything as HTML', () => {
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(
        /dangerouslySetInnerHTML|innerHTML|insertAdjacentHTML|outerHTML/,
      );
    }
  });

  it('keep their strings in the catalogs: no hard-coded words in JSX text', () => {
    for (const file of sources.filter((f) => f.endsWith('.tsx'))) {
      const text = readFileSync(file, 'utf8');
      // Words between an HTML element's tags, or alone on a line of JSX.
      const inTags = /<[a-z][a-z0-9]*(?:\s[^<>]*)?>\s*([A-Za-z][^<>{}]*?)\s*<\//.exec(text);
      const ownLine = /^\s+([A-Z][a-z]+(?: [a-z]+)+[.!?]?)\s*$/m.exec(text);
      expect(inTags?.[1], file).toBeUndefined();
      expect(ownLine?.[1], file).toBeUndefined();
    }
  });
});
