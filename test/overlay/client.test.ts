import { describe, expect, it, vi } from 'vitest';
import {
  addCustomCrmHost,
  listCustomCrmHosts,
  requestOverlayShow,
  requestOverlayToggle,
} from '../../lib/messaging/overlay/client';

function fakeApi(granted: boolean, answer: unknown) {
  const order: string[] = [];
  return {
    order,
    api: {
      permissions: {
        request: vi.fn(async () => {
          order.push('request');
          return granted;
        }),
      },
      runtime: {
        sendMessage: vi.fn(async () => {
          order.push('send');
          return answer;
        }),
      },
    },
  };
}

describe('the popup’s and options page’s overlay client', () => {
  it('asks for the permission first, then has the background add the host', async () => {
    const hosts = [{ pattern: 'https://crm.acme.com/*', crm: 'salesforce' }];
    const { api, order } = fakeApi(true, { ok: true, hosts });
    expect(await addCustomCrmHost(api, { origin: 'crm.acme.com', crm: 'salesforce' })).toEqual({
      ok: true,
      hosts,
    });
    expect(order).toEqual(['request', 'send']);
    expect(api.permissions.request).toHaveBeenCalledWith({ origins: ['https://crm.acme.com/*'] });
    expect(api.runtime.sendMessage).toHaveBeenCalledWith({
      type: 'overlay.hosts.add',
      origin: 'https://crm.acme.com/*',
      crm: 'salesforce',
    });
  });

  it('asks nothing for a malformed origin, and stops when the user declines', async () => {
    const invalid = fakeApi(true, {});
    expect(
      await addCustomCrmHost(invalid.api, { origin: 'http://crm.acme.com', crm: 'salesforce' }),
    ).toEqual({ ok: false, reason: 'invalid-origin' });
    expect(invalid.order).toEqual([]);
    const declined = fakeApi(false, {});
    expect(
      await addCustomCrmHost(declined.api, { origin: 'crm.acme.com', crm: 'salesforce' }),
    ).toEqual({
      ok: false,
      reason: 'permission-denied',
    });
    expect(declined.order).toEqual(['request']);
  });

  it('asks the background to show (never toggle) the overlay for the popup', async () => {
    const { api } = fakeApi(true, { ok: true, collapsed: false });
    expect(await requestOverlayShow(api)).toEqual({ ok: true, collapsed: false });
    expect(api.runtime.sendMessage).toHaveBeenCalledExactlyOnceWith({ type: 'overlay.show' });
    const unreachable = fakeApi(true, undefined);
    unreachable.api.runtime.sendMessage.mockRejectedValueOnce(new Error('no background'));
    expect(await requestOverlayShow(unreachable.api)).toEqual({ ok: false, reason: 'no-answer' });
  });

  it('parses the background’s answers', async () => {
    expect(await requestOverlayToggle(fakeApi(true, { ok: true, collapsed: false }).api)).toEqual({
      ok: true,
      collapsed: false,
    });
    expect(await requestOverlayToggle(fakeApi(true, { ok: 1 }).api)).toEqual({
      ok: false,
      reason: 'no-answer',
    });
    expect(await requestOverlayShow(fakeApi(true, { ok: false, reason: 'disabled' }).api)).toEqual({
      ok: false,
      reason: 'disabled',
    });
    expect(await listCustomCrmHosts(fakeApi(true, undefined).api)).toEqual({
      ok: false,
      reason: 'no-answer',
    });
  });
});
