// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../components/data-contract/types';
import type {
  AccountConfig,
  AccountService,
  SignInOutcome,
} from '../../components/options/account';
import { OptionsRoot } from '../../components/options/OptionsRoot';
import * as fx from './fixtures';
import {
  defaultState,
  expectNoAxeViolations,
  fakeActions,
  fakeData,
  ok,
  setPrefersDark,
  type FakeState,
} from './harness';

const signedInConfig: AccountConfig = {
  account: { email: fx.dana.email, serverUrl: 'https://attain.example.com', signedIn: true },
  managedServerUrl: null,
  serverUrl: 'https://attain.example.com',
};

function fakeAccount(
  config: AccountConfig = signedInConfig,
  outcome: SignInOutcome = { ok: true },
) {
  const order: string[] = [];
  const account = {
    config: vi.fn(async () => config),
    requestOrigin: vi.fn(async (_origin: string) => {
      order.push('permission');
      return true;
    }),
    signIn: vi.fn(async (_input: Parameters<AccountService['signIn']>[0]) => {
      order.push('signIn');
      return outcome;
    }),
  };
  return { account, order };
}

function renderOptions(
  options: { state?: Partial<FakeState>; account?: AccountService; language?: 'en' | 'id' } = {},
) {
  const actions = fakeActions();
  const state: FakeState = { ...defaultState(), ...options.state };
  if (options.language)
    state.preferences = ok({ ...DEFAULT_PREFERENCES, language: options.language });
  const account = options.account ?? fakeAccount().account;
  const result = render(
    <OptionsRoot
      data={fakeData(state, actions)}
      account={account}
      host={{ record: null, now: () => fx.NOW, platform: 'other' }}
      themeRoot={document.documentElement}
    />,
  );
  return { ...result, actions, account };
}

const signedOut: Partial<FakeState> = {
  me: ok(null),
  sync: ok({ ...fx.syncedStatus, signedIn: false }),
};
const section = (name: string) => within(screen.getByRole('region', { name }));

describe('the options page', () => {
  it('is the Settings view as a page of its own: every section, themed, accessible', async () => {
    const { container } = renderOptions();
    const main = screen.getByRole('main', { name: 'Attain settings' });
    expect(within(main).getByRole('heading', { level: 1, name: 'Attain settings' })).toBeTruthy();
    for (const name of ['Account', 'Sync', 'Appearance', 'Sidebar', 'Keyboard shortcuts', 'CRMs']) {
      expect(screen.getByRole('region', { name })).toBeTruthy();
    }
    expect(section('Account').getByText('Dana Whitfield', { exact: false })).toBeTruthy();
    expect(section('Sidebar').getByText(/remembered per CRM site/)).toBeTruthy();
    expect(document.title).toBe('Attain — Settings');
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dataset.theme).toBe('light');
    await expectNoAxeViolations(container);
  });

  it('follows the system’s dark theme, and the theme the user picks', async () => {
    setPrefersDark(true);
    try {
      const { rerender, actions } = renderOptions();
      expect(document.documentElement.dataset.theme).toBe('dark');
      const user = userEvent.setup();
      await user.click(section('Appearance').getByRole('radio', { name: 'Light' }));
      expect(actions.setPreferences).toHaveBeenCalledWith({ theme: 'light' });
      rerender(
        <OptionsRoot
          data={fakeData({
            ...defaultState(),
            preferences: ok({ ...DEFAULT_PREFERENCES, theme: 'light', language: 'en' }),
          })}
          account={fakeAccount().account}
          host={{ record: null, now: () => fx.NOW, platform: 'other' }}
          themeRoot={document.documentElement}
        />,
      );
      expect(document.documentElement.dataset.theme).toBe('light');
    } finally {
      setPrefersDark(false);
    }
  });

  it('turns a CRM off from the same section as the sidebar’s', async () => {
    const user = userEvent.setup();
    const { actions } = renderOptions();
    await user.click(section('CRMs').getByRole('checkbox', { name: 'HubSpot' }));
    expect(actions.setPreferences).toHaveBeenCalledWith({
      enabledCrms: ['salesforce-lightning', 'salesforce-classic', 'dynamics365', 'pipedrive'],
    });
  });

  it('signs in: the browser’s permission first, then the background', async () => {
    const user = userEvent.setup();
    const { account, order } = fakeAccount({
      account: null,
      managedServerUrl: null,
      serverUrl: null,
    });
    const { container } = renderOptions({ state: signedOut, account });
    const form = within(await screen.findByRole('form', { name: 'Account' }));
    expect(screen.getByText(/Sign in to your company’s Attain server/)).toBeTruthy();
    await user.type(form.getByLabelText('Server'), 'attain.example.com');
    await user.type(form.getByLabelText('Email'), 'dana.whitfield@example.com');
    await user.type(form.getByLabelText('Password'), 'correct horse');
    await expectNoAxeViolations(container);
    await user.click(form.getByRole('button', { name: 'Sign in' }));
    expect(order).toEqual(['permission', 'signIn']);
    expect(account.requestOrigin).toHaveBeenCalledWith('https://attain.example.com');
    expect(account.signIn).toHaveBeenCalledWith({
      serverUrl: 'https://attain.example.com',
      email: 'dana.whitfield@example.com',
      password: 'correct horse',
    });
    await waitFor(() => expect(account.config).toHaveBeenCalledTimes(2));
  });

  it('says why a sign-in failed, in words', async () => {
    const user = userEvent.setup();
    const { account } = fakeAccount(signedInConfig, { ok: false, code: 'invalid_credentials' });
    renderOptions({ state: signedOut, account });
    const form = within(await screen.findByRole('form', { name: 'Account' }));
    await user.type(form.getByLabelText('Password'), 'wrong');
    await user.click(form.getByRole('button', { name: 'Sign in' }));
    expect(form.getByRole('alert').textContent).toBe('The email or the password is wrong.');

    account.requestOrigin.mockResolvedValueOnce(false);
    await user.click(form.getByRole('button', { name: 'Sign in' }));
    expect(form.getByRole('alert').textContent).toBe(
      'Attain can’t sign in without your permission to reach attain.example.com.',
    );
    expect(account.signIn).toHaveBeenCalledTimes(1);

    await user.clear(form.getByLabelText('Server'));
    await user.type(form.getByLabelText('Server'), 'ftp://files');
    await user.click(form.getByRole('button', { name: 'Sign in' }));
    expect(form.getByRole('alert').textContent).toBe(
      'Type the server’s address, like https://attain.example.com.',
    );
  });

  it('asks before a sign-in drops changes not synced yet', async () => {
    const user = userEvent.setup();
    const { account } = fakeAccount(signedInConfig, {
      ok: false,
      code: 'unsynced_changes',
      pending: 3,
    });
    renderOptions({ state: signedOut, account });
    const form = within(await screen.findByRole('form', { name: 'Account' }));
    await user.type(form.getByLabelText('Password'), 'pw');
    await user.click(form.getByRole('button', { name: 'Sign in' }));
    expect(form.getByRole('alert').textContent).toContain(
      '3 changes made in this browser haven’t synced yet.',
    );
    account.signIn.mockResolvedValueOnce({ ok: true });
    await user.click(form.getByRole('button', { name: 'Delete them and sign in' }));
    expect(account.signIn).toHaveBeenLastCalledWith(
      expect.objectContaining({ discardUnsynced: true }),
    );
  });

  it('shows a server an administrator set, read-only', async () => {
    const { account } = fakeAccount({
      account: null,
      managedServerUrl: 'https://attain.acme.internal',
      serverUrl: null,
    });
    renderOptions({ state: signedOut, account });
    const server = await screen.findByLabelText('Server');
    expect((server as HTMLInputElement).value).toBe('https://attain.acme.internal');
    expect((server as HTMLInputElement).readOnly).toBe(true);
    expect(screen.getByText('Set by your administrator.')).toBeTruthy();
  });

  it('offers to sign in again, or to delete a previous account’s data', async () => {
    const user = userEvent.setup();
    const { account } = fakeAccount({
      ...signedInConfig,
      account: { ...signedInConfig.account!, signedIn: false },
    });
    const { actions } = renderOptions({ state: signedOut, account });
    expect(
      await screen.findByText('Signed out. Sign in again as dana.whitfield@example.com to sync.'),
    ).toBeTruthy();
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe(fx.dana.email);
    await user.click(
      screen.getByRole('button', { name: 'Delete Attain’s data from this browser…' }),
    );
    await user.click(screen.getByRole('button', { name: 'Delete the data' }));
    expect(actions.signOut).toHaveBeenCalledWith({ clearLocalData: true });
    expect(screen.getByRole('status').textContent).toBe(
      'Attain’s data was deleted from this browser.',
    );
  });

  it('switches server or account in place, and back', async () => {
    const user = userEvent.setup();
    const { actions } = renderOptions();
    await user.click(await screen.findByRole('button', { name: 'Change server or account…' }));
    expect(actions.openSignIn).not.toHaveBeenCalled();
    const form = within(screen.getByRole('form', { name: 'Account' }));
    expect((form.getByLabelText('Server') as HTMLInputElement).value).toBe(
      'https://attain.example.com',
    );
    await user.click(form.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Account' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('says when the session ended by itself', async () => {
    renderOptions({
      state: {
        me: ok(null),
        sync: ok({
          ...fx.syncedStatus,
          signedIn: false,
          error: { code: 'unauthorized', message: 'x', at: '2026-08-14T10:00:00.000Z' },
        }),
      },
    });
    expect(await screen.findByText('Your session ended. Sign in again to sync.')).toBeTruthy();
  });

  it('says what failed when the background cannot be reached, with a retry', async () => {
    const user = userEvent.setup();
    const { account } = fakeAccount();
    account.config.mockRejectedValueOnce(new Error('Could not establish connection'));
    renderOptions({ state: signedOut, account });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Couldn’t read the account from Attain’s background.',
    );
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('form', { name: 'Account' })).toBeTruthy();
  });

  it('renders in Indonesian, signed in and out', async () => {
    const { container, unmount } = renderOptions({ language: 'id' });
    expect(screen.getByRole('heading', { level: 1, name: 'Pengaturan Attain' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Tampilan' })).toBeTruthy();
    expect(document.title).toBe('Attain — Pengaturan');
    expect(document.documentElement.lang).toBe('id');
    await expectNoAxeViolations(container);
    unmount();
    const out = renderOptions({ language: 'id', state: signedOut });
    const form = within(await screen.findByRole('form', { name: 'Akun' }));
    expect(form.getByLabelText('Kata sandi')).toBeTruthy();
    expect(form.getByRole('button', { name: 'Masuk' })).toBeTruthy();
    await expectNoAxeViolations(out.container);
  });
});
