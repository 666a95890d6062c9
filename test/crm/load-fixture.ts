import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/crm');

/**
 * Loads a saved CRM page into its own JSDOM window at `url`. Scripts in the page do not run.
 * jsdom does not implement declarative shadow DOM, so `<template shadowrootmode="open">` is
 * attached here the way a browser's parser would.
 */
export function loadFixture(path: string, url: string): JSDOM {
  const html = readFileSync(join(FIXTURES, path), 'utf8');
  const dom = new JSDOM(html, { url, pretendToBeVisual: true });
  attachDeclarativeShadowRoots(dom.window.document);
  return dom;
}

export function attachDeclarativeShadowRoots(root: ParentNode): void {
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append((template as HTMLTemplateElement).content.cloneNode(true));
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}
