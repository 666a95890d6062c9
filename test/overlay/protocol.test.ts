import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DetectedRecord } from '../../lib/crm';
import {
  cleanEstimateText,
  isSidebarSender,
  overlayRequestType,
  parseSidebarMessage,
  type OverlayRecord,
} from '../../lib/messaging/overlay/protocol';

const extension = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  getURL: (path: string) => `chrome-extension://abcdefghijklmnopabcdefghijklmnop${path}`,
};
/** Chrome under `use_dynamic_url`: getURL gives a per-session origin, senders the static one. */
const dynamicExtension = {
  id: extension.id,
  getURL: (path: string) => `chrome-extension://5d6e8261-b1be-46b1-9c79-959efd23b00c${path}`,
};

describe('overlay protocol: sidebar → content messages', () => {
  it.each([
    [{ type: 'estimate', estimate: { text: 'Pays $9,150', tone: 'positive' } }],
    [{ type: 'estimate', estimate: null }],
    [{ type: 'collapse' }],
    [{ type: 'expand' }],
    [{ type: 'resize', width: 420 }],
    [{ type: 'dock', side: 'left' }],
  ])('accepts %j', (message) => {
    expect(parseSidebarMessage(message)).toEqual(message);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'collapse'],
    ['an array', [{ type: 'collapse' }]],
    ['an unknown type', { type: 'steal-token' }],
    ['no type', { estimate: { text: 'x', tone: 'neutral' } }],
    ['an extra field', { type: 'collapse', also: 1 }],
    ['an estimate without tone', { type: 'estimate', estimate: { text: 'x' } }],
    ['an unknown tone', { type: 'estimate', estimate: { text: 'x', tone: 'red' } }],
    ['a non-text estimate', { type: 'estimate', estimate: { text: 42, tone: 'neutral' } }],
    [
      'an overlong estimate',
      { type: 'estimate', estimate: { text: 'x'.repeat(49), tone: 'neutral' } },
    ],
    [
      'an estimate with HTML fields',
      { type: 'estimate', estimate: { text: 'x', tone: 'neutral', html: '<b>' } },
    ],
    ['a missing estimate', { type: 'estimate' }],
    ['a text width', { type: 'resize', width: '420' }],
    ['a NaN width', { type: 'resize', width: Number.NaN }],
    ['an infinite width', { type: 'resize', width: Number.POSITIVE_INFINITY }],
    ['a negative width', { type: 'resize', width: -5 }],
    ['an unknown side', { type: 'dock', side: 'top' }],
  ])('refuses %s', (_label, message) => {
    expect(parseSidebarMessage(message)).toBeNull();
  });

  it('keeps estimate text as text (rendering uses textContent)', () => {
    const message = {
      type: 'estimate',
      estimate: { text: '<img src=x onerror=1>', tone: 'neutral' },
    };
    expect(parseSidebarMessage(message)).toEqual(message);
  });
});

describe('overlay protocol: toggle, show and senders', () => {
  it('recognises only the exact toggle and show requests', () => {
    expect(overlayRequestType({ type: 'overlay.toggle' })).toBe('overlay.toggle');
    expect(overlayRequestType({ type: 'overlay.show' })).toBe('overlay.show');
    expect(overlayRequestType({ type: 'overlay.toggle', force: true })).toBeNull();
    expect(overlayRequestType({ type: 'overlay.show', collapsed: false })).toBeNull();
    expect(overlayRequestType({ type: 'toggle' })).toBeNull();
    expect(overlayRequestType({ type: 'overlay.locate' })).toBeNull();
    expect(overlayRequestType('overlay.show')).toBeNull();
    expect(overlayRequestType(['overlay.show'])).toBeNull();
    expect(overlayRequestType(null)).toBeNull();
  });

  it('accepts the extension’s own sidebar page, on its static or dynamic origin', () => {
    const url = `chrome-extension://${extension.id}/sidebar.html`;
    expect(isSidebarSender({ id: extension.id, url }, extension)).toBe(true);
    expect(isSidebarSender({ id: extension.id, url: `${url}#/deal` }, extension)).toBe(true);
    expect(isSidebarSender({ id: extension.id, url }, dynamicExtension)).toBe(true);
    const dynamicUrl = dynamicExtension.getURL('/sidebar.html');
    expect(isSidebarSender({ id: extension.id, url: dynamicUrl }, dynamicExtension)).toBe(true);
  });

  it('accepts Firefox’s moz-extension origin', () => {
    const firefox = {
      id: 'attain@example.com',
      getURL: (path: string) => `moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0${path}`,
    };
    const url = firefox.getURL('/sidebar.html');
    expect(isSidebarSender({ id: firefox.id, url }, firefox)).toBe(true);
    expect(isSidebarSender({ id: 'other@example.com', url }, firefox)).toBe(false);
  });

  it.each([
    ['no sender', undefined],
    ['no url', { id: extension.id }],
    [
      'another extension',
      {
        id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
        url: `chrome-extension://${extension.id}/sidebar.html`,
      },
    ],
    [
      'another extension’s sidebar',
      { id: extension.id, url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/sidebar.html' },
    ],
    ['a web page', { id: extension.id, url: 'https://acme.lightning.force.com/sidebar.html' }],
    ['the popup', { id: extension.id, url: `chrome-extension://${extension.id}/popup.html` }],
    [
      'a look-alike path',
      { id: extension.id, url: `chrome-extension://${extension.id}/sidebar.html/../x` },
    ],
    ['a malformed url', { id: extension.id, url: 'not a url' }],
  ])('refuses %s', (_label, sender) => {
    expect(isSidebarSender(sender, extension)).toBe(false);
  });
});

describe('overlay protocol: records and text', () => {
  it('has the shape of lib/crm’s DetectedRecord, both ways', () => {
    expectTypeOf<DetectedRecord>().toExtend<OverlayRecord>();
    expectTypeOf<OverlayRecord>().toExtend<DetectedRecord>();
  });

  it('cleans estimate text for the pill', () => {
    expect(cleanEstimateText('  Pays\n\t$9,150\u0000 ')).toBe('Pays $9,150');
    expect(cleanEstimateText('x'.repeat(60))).toHaveLength(48);
  });
});
