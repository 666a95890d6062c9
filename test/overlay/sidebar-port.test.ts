import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectOverlay, type SidebarPortApi } from '../../lib/messaging/overlay/sidebar-port';
import { fakePort, type FakePort } from './fakes';

const RECORD = {
  crm: 'salesforce-lightning',
  objectType: 'Opportunity',
  recordId: '006Dn000004PqRsIAK',
  mode: 'view',
  fields: {
    amount: 125000,
    currencyIsoCode: null,
    stage: 'Negotiation/Review',
    closeDate: '2026-05-06',
    probability: 90,
    ownerName: 'Jane Doe',
    accountName: 'Burlington Textiles Corp of America',
    recordName: 'Burlington Textiles Weaving Plant Generator',
  },
};
const URL = 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004PqRsIAK/view';

function fakeApi(tabId: number | null = 7) {
  const ports: FakePort[] = [];
  const api = {
    runtime: { sendMessage: vi.fn(async () => ({ ok: true, tabId: 9 })), lastError: undefined },
    tabs: {
      getCurrent: vi.fn(async () => (tabId === null ? undefined : { id: tabId })),
      connect: vi.fn((_tabId: number, info: { frameId?: number; name?: string }) => {
        const port = fakePort(info.name ?? '');
        ports.push(port);
        return port;
      }),
    },
  } satisfies SidebarPortApi;
  return { api, ports };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('connectOverlay (the sidebar’s end)', () => {
  it('connects to its tab’s top frame and passes on what the page reports', async () => {
    const { api, ports } = fakeApi();
    const onRecord = vi.fn();
    const onVisibility = vi.fn();
    const connection = connectOverlay(api, { onRecord, onVisibility });
    await flush();
    expect(api.tabs.connect).toHaveBeenCalledWith(7, { frameId: 0, name: 'attain-overlay' });
    const port = ports[0]!;
    port.onMessage.fire({ type: 'visibility', state: 'expanded', side: 'right', width: 380 });
    port.onMessage.fire({ type: 'record', record: RECORD, url: URL });
    port.onMessage.fire({ type: 'record', record: null, url: URL });
    expect(await connection.ready).toBe(true);
    expect(onVisibility).toHaveBeenCalledWith({ state: 'expanded', side: 'right', width: 380 });
    expect(onRecord.mock.calls).toEqual([
      [RECORD, URL],
      [null, URL],
    ]);
  });

  it('ignores malformed messages', async () => {
    const { api, ports } = fakeApi();
    const onRecord = vi.fn();
    const onVisibility = vi.fn();
    connectOverlay(api, { onRecord, onVisibility });
    await flush();
    for (const junk of [
      null,
      { type: 'record', record: { ...RECORD, crm: 'sap' }, url: URL },
      { type: 'record', record: { ...RECORD, fields: { amount: '1' } }, url: URL },
      { type: 'record', record: RECORD },
      { type: 'visibility', state: 'gone', side: 'right', width: 1 },
      { type: 'token', token: 'x' },
    ]) {
      ports[0]!.onMessage.fire(junk);
    }
    expect(onRecord).not.toHaveBeenCalled();
    expect(onVisibility).not.toHaveBeenCalled();
  });

  it('asks the background for its tab where getCurrent gives none', async () => {
    const { api } = fakeApi(null);
    connectOverlay(api, { onRecord: vi.fn(), onVisibility: vi.fn() });
    await flush();
    expect(api.runtime.sendMessage).toHaveBeenCalledWith({ type: 'overlay.locate' });
    expect(api.tabs.connect).toHaveBeenCalledWith(9, { frameId: 0, name: 'attain-overlay' });
  });

  it('sends estimates and layout requests, queuing them until connected', async () => {
    const { api, ports } = fakeApi();
    const connection = connectOverlay(api, { onRecord: vi.fn(), onVisibility: vi.fn() });
    connection.collapse();
    connection.expand(); // the latest state request wins
    connection.resize(500);
    connection.sendEstimate({ text: '  Pays\n$9,150 ', tone: 'positive' });
    await flush();
    expect(ports[0]!.posted()).toEqual([
      { type: 'estimate', estimate: { text: 'Pays $9,150', tone: 'positive' } },
      { type: 'expand' },
      { type: 'resize', width: 500 },
    ]);
    connection.dock('left');
    connection.sendEstimate(null);
    expect(ports[0]!.posted().slice(3)).toEqual([
      { type: 'dock', side: 'left' },
      { type: 'estimate', estimate: null },
    ]);
  });

  it('reconnects after a disconnect, replays the estimate, then gives up', async () => {
    vi.useFakeTimers();
    const { api, ports } = fakeApi();
    const onDisconnect = vi.fn();
    const connection = connectOverlay(
      api,
      { onRecord: vi.fn(), onVisibility: vi.fn(), onDisconnect },
      { retryDelaysMs: [10, 20] },
    );
    await vi.advanceTimersByTimeAsync(0);
    connection.sendEstimate({ text: 'Pays $1', tone: 'neutral' });
    ports[0]!.onDisconnect.fire();
    await vi.advanceTimersByTimeAsync(10);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted()).toEqual([
      { type: 'estimate', estimate: { text: 'Pays $1', tone: 'neutral' } },
    ]);
    ports[1]!.onDisconnect.fire();
    await vi.advanceTimersByTimeAsync(20);
    expect(ports).toHaveLength(3);
    ports[2]!.onDisconnect.fire();
    await vi.advanceTimersByTimeAsync(1000);
    expect(ports).toHaveLength(3);
    expect(onDisconnect).toHaveBeenCalledOnce();
    expect(await connection.ready).toBe(false);
  });

  it('closes: disconnects and stops retrying', async () => {
    const { api, ports } = fakeApi();
    const connection = connectOverlay(api, { onRecord: vi.fn(), onVisibility: vi.fn() });
    await flush();
    connection.close();
    expect(ports[0]!.disconnect).toHaveBeenCalled();
    expect(await connection.ready).toBe(false);
    connection.collapse();
    expect(ports[0]!.posted()).toEqual([]);
  });
});
