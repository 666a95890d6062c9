// @vitest-environment jsdom
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SidebarPortApi } from '../../lib/messaging/overlay/sidebar-port';
import { SidebarGate } from '../../entrypoints/sidebar/SidebarGate';
import { startOverlay, toRecordContext, useOverlayStore } from '../../entrypoints/sidebar/overlay';
import { defaultState, fakeData } from './harness';

function fakePortApi() {
  const messages: ((m: unknown) => void)[] = [];
  const posted: unknown[] = [];
  const api: SidebarPortApi = {
    runtime: { sendMessage: vi.fn(async () => undefined) },
    tabs: {
      getCurrent: async () => ({ id: 7 }),
      connect: vi.fn(() => ({
        postMessage: (m: unknown) => posted.push(m),
        disconnect: () => undefined,
        onMessage: {
          addListener: (l: (m: unknown) => void) => messages.push(l),
          removeListener: () => undefined,
        },
        onDisconnect: { addListener: () => undefined, removeListener: () => undefined },
      })),
    },
  };
  return { api, posted, send: (m: unknown) => act(() => messages.forEach((l) => l(m))) };
}

const pageRecord = {
  crm: 'salesforce-lightning' as const,
  objectType: 'Opportunity',
  recordId: '006A000000Acme01AAA',
  mode: 'edit' as const,
  fields: {
    amount: 125000,
    currencyIsoCode: 'EUR',
    stage: 'Negotiation',
    closeDate: '2026-09-25',
    probability: 60,
    ownerName: 'Dana Whitfield',
    accountName: 'Acme Corp',
    recordName: 'Acme <b>Q3</b>',
  },
};

describe('the sidebar page', () => {
  it('reads the record from the overlay port, ignores malformed messages, and docks through it', async () => {
    const port = fakePortApi();
    const store = startOverlay(port.api);
    const { result } = renderHook(() => useOverlayStore(store));
    expect(result.current.status).toBe('connecting');
    await waitFor(() =>
      expect(port.api.tabs.connect).toHaveBeenCalledWith(7, { frameId: 0, name: 'attain-overlay' }),
    );
    port.send({ type: 'record', record: pageRecord, url: 'https://acme.lightning.force.com/x' });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.record).toEqual(toRecordContext(pageRecord));
    expect(result.current.record?.fields.currency).toBe('EUR');
    // The page's owner name reaches This deal, which estimates the user's own deals only.
    expect(result.current.record?.fields.ownerName).toBe('Dana Whitfield');
    port.send({
      type: 'record',
      record: { ...pageRecord, fields: { ...pageRecord.fields, amount: 'lots' } },
      url: 'x',
    });
    expect(result.current.record?.fields.amount).toBe(125000);
    port.send({ type: 'visibility', state: 'expanded', side: 'left', width: 420 });
    expect(result.current.sidebar).toMatchObject({ side: 'left', width: 420, minWidth: 280 });
    act(() => result.current.sidebar?.dock('right'));
    expect(port.posted).toContainEqual({ type: 'dock', side: 'right' });
    port.send({ type: 'record', record: null, url: 'https://acme.lightning.force.com/list' });
    expect(result.current.record).toBeNull();
    store.close();
  });

  it('shows no data until the page’s content script answers', () => {
    const data = fakeData(defaultState());
    const { rerender } = render(
      <SidebarGate status="connecting" data={data}>
        <p>workbench</p>
      </SidebarGate>,
    );
    expect(screen.getByText('Reading the data on this device…')).toBeTruthy();
    rerender(
      <SidebarGate status="unavailable" data={data}>
        <p>workbench</p>
      </SidebarGate>,
    );
    expect(screen.getByText('Attain’s sidebar opens beside your CRM')).toBeTruthy();
    expect(screen.queryByText('workbench')).toBeNull();
    rerender(
      <SidebarGate status="ready" data={data}>
        <p>workbench</p>
      </SidebarGate>,
    );
    expect(screen.getByText('workbench')).toBeTruthy();
  });
});
