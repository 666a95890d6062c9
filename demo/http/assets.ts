import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { USED_ICONS } from '../pages/icons';

/**
 * The files the pages load, all from the demo's own origin: the SLDS stylesheet (from
 * node_modules, as published), sprites cut down to the icons the pages use, the demo's CSS
 * and its client script, bundled from TypeScript with esbuild when the server starts.
 */
export interface DemoAssets {
  sldsCss: string;
  demoCss: string;
  clientJs: string;
  sprites: Record<keyof typeof USED_ICONS, string>;
}

const DEMO_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

const ICON_ATTRIBUTION =
  'Icons from the Salesforce Lightning Design System (@salesforce-ux/design-system), (c) Salesforce, Inc., CC BY-ND 4.0: https://creativecommons.org/licenses/by-nd/4.0/';

let loading: Promise<DemoAssets> | undefined;

/** Loaded once per process (the files do not change while it runs). */
export function loadAssets(): Promise<DemoAssets> {
  loading ??= readAssets().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readAssets(): Promise<DemoAssets> {
  const require = createRequire(import.meta.url);
  const slds = join(
    dirname(require.resolve('@salesforce-ux/design-system/package.json')),
    'assets',
  );
  const [sldsCss, demoCss, utility, standard, clientJs] = await Promise.all([
    readFile(join(slds, 'styles/salesforce-lightning-design-system.min.css'), 'utf8'),
    readFile(join(DEMO_DIR, 'static/demo.css'), 'utf8'),
    readFile(join(slds, 'icons/utility-sprite/svg/symbols.svg'), 'utf8'),
    readFile(join(slds, 'icons/standard-sprite/svg/symbols.svg'), 'utf8'),
    bundleClient(),
  ]);
  return {
    sldsCss,
    demoCss,
    clientJs,
    sprites: {
      utility: cutSprite(utility, USED_ICONS.utility),
      standard: cutSprite(standard, USED_ICONS.standard),
    },
  };
}

async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [join(DEMO_DIR, 'client/main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: ['chrome120', 'firefox120'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no client bundle');
  return output.text;
}

/**
 * A sprite with only the named symbols, each `<symbol id="…">…</symbol>` copied unchanged from
 * the published SLDS sprite, with the icons' license attribution.
 */
export function cutSprite(sprite: string, names: readonly string[]): string {
  const symbols = names.map((name) => {
    const match = new RegExp(`<symbol\\b[^>]*\\bid="${name}"[^>]*>[\\s\\S]*?</symbol>`).exec(
      sprite,
    );
    if (!match) throw new Error(`SLDS sprite has no icon "${name}"`);
    return match[0];
  });
  return `<svg xmlns="http://www.w3.org/2000/svg"><!-- ${ICON_ATTRIBUTION} -->${symbols.join('')}</svg>`;
}
