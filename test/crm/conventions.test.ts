import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CRM = join(ROOT, 'lib/crm');
const FIXTURES = join(ROOT, 'test/fixtures/crm');
const ADAPTER_FOLDERS = [
  'salesforce-lightning',
  'salesforce-classic',
  'hubspot',
  'dynamics365',
  'pipedrive',
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('lib/crm conventions', () => {
  it('never parses page content as HTML', () => {
    const banned =
      /\b(?:innerHTML|outerHTML|insertAdjacentHTML|DOMParser|createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe|document\.write)\b/;
    for (const file of sources(CRM)) {
      expect(readFileSync(file, 'utf8'), relative(ROOT, file)).not.toMatch(banned);
    }
  });

  it('imports only from lib/crm itself and lib/domain, and never full zod', () => {
    for (const file of sources(CRM)) {
      for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
        const target = specifier.startsWith('.') ? resolve(dirname(file), specifier) : specifier;
        const allowed =
          target.startsWith(CRM) ||
          target.startsWith(join(ROOT, 'lib/domain')) ||
          target === 'zod/mini';
        expect(allowed, `${relative(ROOT, file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it.each(ADAPTER_FOLDERS)(
    '%s: its selectors name fixtures that exist, and every fixture is named',
    (crm) => {
      const selectors = readFileSync(join(CRM, crm, 'selectors.ts'), 'utf8');
      const named = new Set(
        Array.from(selectors.matchAll(/Fixtures:([^\n]*)/g)).flatMap(([, list = '']) =>
          Array.from(list.matchAll(/([\w-]+\.html)/g), ([, name]) => name),
        ),
      );
      named.delete('view-*.html');
      const saved = readdirSync(join(FIXTURES, crm)).filter((name) => name.endsWith('.html'));
      expect(saved.length).toBeGreaterThan(0);
      for (const name of named) expect(saved, `${crm}/selectors.ts names ${name}`).toContain(name);
      for (const name of saved) {
        const coveredByPattern = /all view-\*\.html/.test(selectors) && name.startsWith('view-');
        expect(named.has(name) || coveredByPattern, `${crm}/${name} is proven by no selector`).toBe(
          true,
        );
      }
    },
  );

  it('stays small enough for the content script (15 kB gzip in all)', async () => {
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      root: ROOT,
      build: {
        write: false,
        minify: true,
        lib: { entry: join(CRM, 'index.ts'), formats: ['es'], fileName: 'crm' },
      },
    });
    const [result] = Array.isArray(output) ? output : [output];
    const code = result && 'output' in result ? (result.output[0]?.code ?? '') : '';
    expect(code.length).toBeGreaterThan(1000);
    expect(gzipSync(code).length).toBeLessThan(12 * 1024);
  });
});
