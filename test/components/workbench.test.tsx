// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import * as fx from './fixtures';
import {
  expectNoAxeViolations,
  failed,
  ok,
  pending,
  plain,
  renderWorkbench,
  setPrefersDark,
} from './harness';

function tabs() {
  return within(screen.getByRole('tablist', { name: 'Views' }))
    .getAllByRole('tab')
    .map((tab) => tab.getAttribute('data-view'));
}

describe('workbench', () => {
  it('offers the views whose when clause holds: a rep on a list page', () => {
    renderWorkbench({ record: null });
    expect(tabs()).toEqual(['numbers', 'coaching', 'pulse', 'settings']);
    expect(screen.getByRole('tabpanel', { name: 'My numbers' })).toBeTruthy();
  });

  it('adds This deal and Notes on a deal record, and Team for a manager', () => {
    renderWorkbench({ record: fx.acmeRecord(), state: { me: ok(fx.maria) } });
    expect(tabs()).toEqual(['numbers', 'deal', 'coaching', 'notes', 'pulse', 'team', 'settings']);
  });

  it('shows only Sign in and Settings when signed out, and leads to sign-in', async () => {
    const user = userEvent.setup();
    const view = renderWorkbench({
      state: { me: ok(null), sync: ok({ ...fx.syncedStatus, signedIn: false }) },
    });
    expect(tabs()).toEqual(['sign-in', 'settings']);
    expect(screen.getByText('Your session ended. Sign in again to sync.')).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: /Sign in/ })[0]!);
    expect(view.actions.openSignIn).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Signed out' })).toBeTruthy();
    await expectNoAxeViolations(view.container);
  });

  it('moves between views with the arrow keys, Home and End (roving tab stop)', async () => {
    const user = userEvent.setup();
    renderWorkbench({ record: fx.acmeRecord() });
    const numbers = screen.getByRole('tab', { name: 'My numbers' });
    expect(numbers.getAttribute('aria-selected')).toBe('true');
    expect(numbers.tabIndex).toBe(0);
    numbers.focus();
    await user.keyboard('{ArrowDown}');
    const deal = screen.getByRole('tab', { name: 'This deal' });
    expect(document.activeElement).toBe(deal);
    expect(deal.getAttribute('aria-selected')).toBe('true');
    expect(numbers.tabIndex).toBe(-1);
    expect(screen.getByRole('tabpanel', { name: 'This deal' })).toBeTruthy();
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Settings' }));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'My numbers' }));
    await user.keyboard('{ArrowUp}{Home}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'My numbers' }));
  });

  it('opens views with Alt+number', async () => {
    const user = userEvent.setup();
    renderWorkbench({ record: fx.acmeRecord() });
    await user.keyboard('{Alt>}2{/Alt}');
    expect(screen.getByRole('tabpanel', { name: 'This deal' })).toBeTruthy();
    await user.keyboard('{Alt>}3{/Alt}');
    expect(screen.getByRole('tabpanel', { name: 'Coaching' })).toBeTruthy();
  });

  it('puts badges on the activity bar, with words for screen readers', () => {
    renderWorkbench({ record: fx.acmeRecord() });
    const coaching = screen.getByRole('tab', { name: /^Coaching, \d+ prompts? needs? attention$/ });
    expect(coaching.textContent).toMatch(/\d/);
    expect(screen.getByRole('tab', { name: 'Notes, 1 open thread' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Pulse, A pulse question is waiting' })).toBeTruthy();
  });

  it('falls back to the first view when the chosen one stops applying', () => {
    const view = renderWorkbench({ record: fx.acmeRecord(), initialView: 'deal' });
    expect(screen.getByRole('tabpanel', { name: 'This deal' })).toBeTruthy();
    view.setRecord(null);
    expect(screen.getByRole('tabpanel', { name: 'My numbers' })).toBeTruthy();
    view.setRecord(fx.acmeRecord());
    expect(screen.getByRole('tabpanel', { name: 'This deal' })).toBeTruthy();
  });

  describe('status bar', () => {
    const bar = () => within(screen.getByRole('contentinfo', { name: 'Status bar' }));

    it('says when it last synced and shows the live estimate on a deal', async () => {
      const user = userEvent.setup();
      renderWorkbench({ record: fx.acmeRecord() });
      expect(bar().getByRole('button', { name: 'Synced 3 minutes ago' })).toBeTruthy();
      const estimate = bar().getByRole('button', { name: /^This deal:/ });
      expect(plain(estimate.textContent)).toBe('This deal: $7,400.00');
      await user.click(estimate);
      expect(screen.getByRole('tabpanel', { name: 'This deal' })).toBeTruthy();
    });

    it.each([
      [{ pending: 3 }, '3 changes waiting to sync'],
      [{ pending: 1 }, '1 change waiting to sync'],
      [{ online: false, pending: 2 }, 'Offline · 2 changes waiting'],
      [{ syncing: true }, 'Syncing…'],
      [
        { error: { code: 'network', message: 'fetch failed', at: '2026-08-14T10:29:00.000Z' } },
        'Sync failed',
      ],
      [{ stopped: { reason: 'the server speaks sync schema 2' } }, 'Update Attain to sync'],
      [{ lastSyncedAt: null }, 'Not synced yet'],
    ])('shows %o as “%s”', (patch, label) => {
      renderWorkbench({ state: { sync: ok({ ...fx.syncedStatus, ...patch }) } });
      expect(bar().getByRole('button', { name: label })).toBeTruthy();
    });

    it('says why a sync failed, in a tooltip', () => {
      renderWorkbench({
        state: {
          sync: ok({
            ...fx.syncedStatus,
            error: { code: 'network', message: 'fetch failed', at: '2026-08-14T10:29:00.000Z' },
          }),
        },
      });
      expect(bar().getByRole('button', { name: 'Sync failed' }).title).toBe(
        'Sync failed: the Attain server can’t be reached. Attain tries again by itself.',
      );
    });

    it('counts refused changes and leads to them in Settings', async () => {
      const user = userEvent.setup();
      renderWorkbench({
        state: {
          sync: ok({ ...fx.syncedStatus, rejections: [fx.replyRejection, fx.conflictRejection] }),
        },
      });
      await user.click(bar().getByRole('button', { name: '2 changes refused' }));
      const panel = screen.getByRole('tabpanel', { name: 'Settings' });
      expect(within(panel).getByRole('heading', { name: '2 refused changes' })).toBeTruthy();
      expect(document.activeElement?.textContent).toBe('Sync');
    });
  });

  it('shows an offline banner while offline', () => {
    renderWorkbench({ state: { sync: ok({ ...fx.syncedStatus, online: false }) } });
    expect(
      screen.getByText(
        'You’re offline. Showing what’s on this device; your changes sync when you’re back online.',
      ),
    ).toBeTruthy();
  });

  it('paints from local data without a spinner, and says what failed with a retry', async () => {
    const user = userEvent.setup();
    const me = failed<typeof fx.dana | null>('IndexedDB is not available');
    renderWorkbench({ state: { me } });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Attain couldn’t read its data on this device.');
    expect(alert.textContent).toContain('Why: IndexedDB is not available');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(me.refetch).toHaveBeenCalled();
  });

  it('says it is reading while the first local read has not answered', () => {
    renderWorkbench({ state: { me: pending() } });
    expect(screen.getByText('Reading the data on this device…')).toBeTruthy();
  });

  it('follows the system theme, live, unless one is chosen', () => {
    setPrefersDark(true);
    const view = renderWorkbench();
    expect(document.documentElement.dataset.theme).toBe('dark');
    act(() => setPrefersDark(false));
    expect(document.documentElement.dataset.theme).toBe('light');
    view.setState({ preferences: ok({ theme: 'dark', language: 'en', enabledCrms: [] }) });
    expect(document.documentElement.dataset.theme).toBe('dark');
    act(() => setPrefersDark(false));
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('renders in Indonesian, with figures in the Indonesian way', () => {
    renderWorkbench({ record: fx.acmeRecord(), language: 'id' });
    expect(document.documentElement.lang).toBe('id');
    expect(screen.getByRole('tablist', { name: 'Tampilan' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Angka saya' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Deal ini' })).toBeTruthy();
    const bar = within(screen.getByRole('contentinfo', { name: 'Bilah status' }));
    expect(plain(bar.getByRole('button', { name: /^Deal ini:/ }).textContent)).toBe(
      'Deal ini: US$7.400,00',
    );
    expect(bar.getByRole('button', { name: 'Tersinkron 3 menit yang lalu' })).toBeTruthy();
  });

  it('has no axe violations, in both themes’ markup and both languages', async () => {
    const view = renderWorkbench({ record: fx.acmeRecord(), state: { me: ok(fx.maria) } });
    await expectNoAxeViolations(view.container);
    view.unmount();
    const id = renderWorkbench({ record: fx.acmeRecord(), language: 'id' });
    await expectNoAxeViolations(id.container);
  });
});
