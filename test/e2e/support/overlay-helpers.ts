import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Frame, Page } from 'playwright-core';
import { ROOT } from './extension';

/** Helpers for the overlay's e2e tests (test/e2e/overlay*.test.ts). */

export const OPPORTUNITY_ID = '006Dn000004PqRsIAK';
export const ACCOUNT_ID = '001Dn000003AbCdIAK';
export const DEAL_PATH = `/lightning/r/Opportunity/${OPPORTUNITY_ID}/view`;
export const FIXTURE = join(ROOT, 'test/fixtures/crm/salesforce-lightning/inline-edit.html');

/** The sidebar page, replaced in the test copy so only the test's own helper talks on the port. */
export const STUB_SIDEBAR =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Attain (e2e stub)</title></head><body>stub sidebar</body></html>';

/**
 * Patches a copy of the built extension: a stub sidebar page, and host access to the loopback
 * server. The host access stands in for the user's grant: `permissions.request` needs a click
 * on a browser prompt that headless Chromium cannot accept (and chrome://extensions'
 * developerPrivate.addHostPermission does not grant optional hosts). The content script is NOT
 * statically matched there: it runs only once the test registers the host dynamically.
 */
export function patchExtension(dir: string, extraHostPermissions: string[]): void {
  writeFileSync(join(dir, 'sidebar.html'), STUB_SIDEBAR);
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  const hosts = (manifest.host_permissions as string[] | undefined) ?? [];
  manifest.host_permissions = [...new Set([...hosts, ...extraHostPermissions])];
  writeFileSync(manifestPath, JSON.stringify(manifest));
}

/** A loopback http server answering every `/lightning/…` path with the saved Lightning page. */
export async function serveFixture(): Promise<{ server: Server; origin: string }> {
  const html = readFileSync(FIXTURE);
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/lightning/')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * A module bundled into an expression that, evaluated in a page or worker (Playwright's string
 * evaluation is not subject to the extension's CSP), defines `globalThis.__attainOverlayTest`.
 */
export async function bundleForEvaluate(...modules: string[]): Promise<string> {
  const contents = modules.map((m) => `export * from './${m.replace(/\.ts$/, '')}';`).join('\n');
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: '__attainOverlayBundle',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  // Code evaluated through DevTools may eval although the page's CSP forbids it, so zod would
  // compile parsers with `new Function` that then throw when run from an event: turn its JIT off.
  const jitless =
    'globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };';
  return `(() => { ${jitless} ${code}; globalThis.__attainOverlayTest = __attainOverlayBundle; return true; })()`;
}

export async function waitForSidebarFrame(page: Page, timeoutMs = 10_000): Promise<Frame> {
  const started = Date.now();
  for (;;) {
    const frame = page.frames().find((f) => f.url().endsWith('/sidebar.html'));
    if (frame) {
      await frame.waitForLoadState('load');
      return frame;
    }
    if (Date.now() - started > timeoutMs) throw new Error('the sidebar iframe never appeared');
    await page.waitForTimeout(50);
  }
}

interface CdpNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

export interface OverlayDom {
  /** The overlay's closed shadow root was found. */
  closed: boolean;
  texts: string[];
  node(className: string): CdpNode | undefined;
  iframe: CdpNode | undefined;
  box(
    node: CdpNode | undefined,
  ): Promise<{ x: number; y: number; width: number; height: number } | null>;
  attribute(node: CdpNode | undefined, name: string): string | null;
  text(node: CdpNode | undefined): string;
}

/**
 * Reads the overlay's closed shadow root through the DevTools protocol (which pierces closed
 * roots), the way no page script can.
 */
export async function readOverlayDom(page: Page): Promise<OverlayDom> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: CdpNode;
  };
  const html = root.children?.find((n) => n.nodeName === 'HTML');
  const host = html?.children?.find((n) => n.shadowRoots?.[0]?.shadowRootType === 'closed');
  const shadow = host?.shadowRoots?.[0];
  const all: CdpNode[] = [];
  const walk = (node: CdpNode) => {
    all.push(node);
    for (const child of node.children ?? []) walk(child);
  };
  if (shadow) walk(shadow);
  const attribute = (node: CdpNode | undefined, name: string) => {
    const attrs = node?.attributes ?? [];
    for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1] ?? '';
    return null;
  };
  const text = (node: CdpNode | undefined): string =>
    node === undefined
      ? ''
      : node.nodeType === 3
        ? (node.nodeValue ?? '')
        : (node.children ?? []).map(text).join('');
  return {
    closed: shadow !== undefined,
    texts: all
      .filter((n) => n.nodeType === 3 && n.nodeName !== '#comment')
      .map((n) => n.nodeValue ?? ''),
    node: (className) =>
      all.find(
        (n) => n.nodeType === 1 && (attribute(n, 'class') ?? '').split(' ').includes(className),
      ),
    iframe: all.find((n) => n.nodeName === 'IFRAME'),
    attribute,
    text,
    async box(node) {
      if (!node) return null;
      try {
        const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId })) as {
          model: { border: number[] };
        };
        const [x1 = 0, y1 = 0, x2 = 0, , , y3 = 0] = model.border;
        return { x: x1, y: y1, width: x2 - x1, height: y3 - y1 };
      } catch {
        return null; // no box: not rendered
      }
    },
  };
}
