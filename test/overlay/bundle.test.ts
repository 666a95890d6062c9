import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_BUDGET_BYTES } from '../../scripts/content-size';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Issue 8: ≤ 15 kB gzipped, as `scripts/content-size.ts` enforces on every build. */
const BUDGET = CONTENT_SCRIPT_BUDGET_BYTES;
/** Everything the content script is built from, besides lib/crm. */
const CONTENT_SOURCES = [
  ...readdirSync(join(ROOT, 'entrypoints/crm.content')).map((f) => `entrypoints/crm.content/${f}`),
  'lib/messaging/overlay/protocol.ts',
  'lib/messaging/overlay/hosts.ts',
  'lib/messaging/overlay/layout.ts',
];

/** The content script as WXT wraps it (its isolated-world entry), minified like a build. */
async function bundleContentScript() {
  const entry = `
    import definition from './entrypoints/crm.content/index';
    import { ContentScriptContext } from 'wxt/utils/content-script-context';
    const { main, ...options } = definition;
    main(new ContentScriptContext('crm', options));
  `;
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: {
      'import.meta.env.ENTRYPOINT': '"crm"',
      'import.meta.env.MODE': '"production"',
    },
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { code, inputs: Object.keys(result.metafile.inputs) };
}

describe('the content script bundle', () => {
  it('stays within 15,000 B gzipped, with no React, Dexie, zod or extension-page code', async () => {
    const { code, inputs } = await bundleContentScript();
    const gzip = gzipSync(code, { level: 9 }).length;
    console.info(`content script (esbuild estimate): ${code.length} B minified, ${gzip} B gzipped`);
    expect(code.length).toBeGreaterThan(10_000);
    expect(BUDGET).toBe(15_000);
    expect(gzip).toBeLessThanOrEqual(BUDGET);
    const banned =
      /node_modules\/(react|react-dom|dexie|zod|@tanstack)\/|^components\/|^lib\/(db|sync)\/|lib\/messaging\/overlay\/(schemas|sidebar-port|background|client|dynamic-hosts)\.ts/;
    expect(inputs.filter((input) => banned.test(input))).toEqual([]);
  });
});

describe('content script conventions', () => {
  const sources = CONTENT_SOURCES.map((file) => ({
    file,
    text: readFileSync(join(ROOT, file), 'utf8'),
  }));

  it('never parses anything as HTML', () => {
    const banned =
      /\b(?:innerHTML|outerHTML|insertAdjacentHTML|DOMParser|createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe|document\.write)\b/;
    for (const { file, text } of sources) expect(text, file).not.toMatch(banned);
  });

  it('never listens to window messages (the page can post those)', () => {
    for (const { file, text } of sources) {
      expect(text, file).not.toMatch(/addEventListener\(\s*['"]message['"]/);
      expect(text, file).not.toMatch(/\bonmessage\b/);
    }
  });

  it('attaches only closed shadow roots', () => {
    const modes = sources.flatMap(({ text }) =>
      Array.from(text.matchAll(/attachShadow\(\{\s*mode:\s*'(\w+)'/g), ([, mode]) => mode),
    );
    expect(modes).toEqual(['closed']);
  });

  it('imports no zod and nothing an extension page owns', () => {
    for (const { file, text } of sources) {
      for (const [, specifier = ''] of text.matchAll(/from '([^']+)'/g)) {
        const target = specifier.startsWith('.')
          ? relative(ROOT, resolve(ROOT, dirname(file), specifier))
          : specifier;
        expect(target, `${file} imports ${specifier}`).toMatch(
          /^(lib\/crm(\/|$)|lib\/messaging\/overlay\/(protocol|hosts|layout)$|entrypoints\/crm\.content\/|wxt\/(browser|utils\/define-content-script)$)/,
        );
      }
    }
  });
});
