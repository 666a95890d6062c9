// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Language } from '../../components/i18n/catalog';
import { I18nProvider } from '../../components/i18n/I18nProvider';
import { Popup, type PopupProps } from '../../components/popup/Popup';
import { openSidebarResult } from '../../components/popup/open-sidebar';
import * as fx from './fixtures';
import { expectNoAxeViolations } from './harness';

function renderPopup(props: Partial<PopupProps> = {}, language: Language = 'en') {
  const all: PopupProps = {
    me: fx.dana,
    sync: fx.syncedStatus,
    now: fx.NOW,
    onOpenSidebar: vi.fn(async () => 'opened' as const),
    onSyncNow: vi.fn(async () => undefined),
    onSignIn: vi.fn(),
    onSignOut: vi.fn(async () => undefined),
    onOpenSettings: vi.fn(),
    ...props,
  };
  const result = render(
    <I18nProvider language={language} locale={language === 'id' ? 'id-ID' : 'en-US'}>
      <Popup {...all} />
    </I18nProvider>,
  );
  return { ...result, props: all };
}

describe('popup', () => {
  it('shows who is signed in and the sync state, and opens the sidebar on this tab', async () => {
    const user = userEvent.setup();
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const { props, container } = renderPopup({
      sync: { ...fx.syncedStatus, rejections: [fx.replyRejection] },
    });
    expect(screen.getByText('Signed in as Dana Whitfield')).toBeTruthy();
    expect(screen.getByText(/Synced 3 minutes ago/)).toBeTruthy();
    expect(screen.getByText(/1 change refused/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Open the sidebar on this tab' }));
    expect(props.onOpenSidebar).toHaveBeenCalled();
    expect(close).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(props.onSyncNow).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(props.onSignOut).toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  it('says why the sidebar could not open', async () => {
    const user = userEvent.setup();
    renderPopup({ onOpenSidebar: vi.fn(async () => 'notCrm' as const) });
    await user.click(screen.getByRole('button', { name: 'Open the sidebar on this tab' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'This tab isn’t a CRM page Attain runs on. Add its address in Settings to use Attain there.',
    );
  });

  it('says so when the user turned Attain off for this CRM', async () => {
    const user = userEvent.setup();
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    close.mockClear();
    renderPopup({ onOpenSidebar: vi.fn(async () => 'disabled' as const) });
    await user.click(screen.getByRole('button', { name: 'Open the sidebar on this tab' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Attain is turned off for this CRM. Turn it on under CRMs in Settings to see the sidebar here.',
    );
    expect(close).not.toHaveBeenCalled();
  });

  it('reads the answer to its show request (a show never hides the sidebar)', () => {
    expect(openSidebarResult({ ok: true, collapsed: false })).toBe('opened');
    expect(openSidebarResult({ ok: true, collapsed: true })).toBe('failed');
    expect(openSidebarResult({ ok: false, reason: 'disabled' })).toBe('disabled');
    expect(openSidebarResult({ ok: false, reason: 'no-overlay' })).toBe('notCrm');
    expect(openSidebarResult({ ok: false, reason: 'no-tab' })).toBe('notCrm');
    expect(openSidebarResult({ ok: false, reason: 'no-answer' })).toBe('failed');
    expect(openSidebarResult({ ok: false, reason: 'forbidden' })).toBe('failed');
  });

  it('leads to sign-in when signed out', async () => {
    const user = userEvent.setup();
    const { props, container } = renderPopup({
      me: null,
      sync: { ...fx.syncedStatus, signedIn: false },
    });
    expect(screen.getByText('You’re signed out.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open the sidebar on this tab' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(props.onSignIn).toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  it('says why sync failed, in Indonesian too', () => {
    renderPopup(
      {
        sync: {
          ...fx.syncedStatus,
          error: { code: 'network', message: 'x', at: '2026-08-14T10:29:00.000Z' },
        },
      },
      'id',
    );
    expect(screen.getByText(/Sinkronisasi gagal/).textContent).toContain(
      'server Attain tidak dapat dijangkau',
    );
    expect(screen.getByRole('button', { name: 'Buka sidebar di tab ini' })).toBeTruthy();
  });
});
