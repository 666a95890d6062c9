// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SettingsContainer } from '../../components/views/settings/SettingsContainer';
import * as fx from './fixtures';
import { expectNoAxeViolations, ok, plain, renderView, renderWorkbench } from './harness';

const section = (name: string) => within(screen.getByRole('region', { name }));

describe('Settings', () => {
  it('shows the server and account, and signs out (keeping or clearing the data)', async () => {
    const user = userEvent.setup();
    const { actions, container } = renderView(<SettingsContainer />);
    const account = section('Account');
    expect(account.getByText('https://attain.example.com')).toBeTruthy();
    expect(plain(account.getByText('Signed in as').nextElementSibling?.textContent)).toBe(
      'Dana Whitfield (dana.whitfield@example.com)',
    );
    expect(account.getByText('Sales rep')).toBeTruthy();
    await user.click(
      account.getByRole('checkbox', { name: 'Also remove Attain’s data from this browser' }),
    );
    await user.click(account.getByRole('button', { name: 'Sign out' }));
    expect(actions.signOut).toHaveBeenCalledWith({ clearLocalData: true });
    await user.click(account.getByRole('button', { name: 'Change server or account…' }));
    expect(actions.openSignIn).toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  it('shows sync state, syncs now, and lists refused changes to dismiss', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<SettingsContainer />, {
      state: {
        sync: ok({
          ...fx.syncedStatus,
          pending: 2,
          error: { code: 'timeout', message: 'timed out', at: '2026-08-14T10:20:00.000Z' },
          nextRetryAt: '2026-08-14T10:31:00.000Z',
          rejections: [fx.replyRejection],
        }),
      },
    });
    const sync = section('Sync');
    expect(sync.getByText('Sync failed')).toBeTruthy();
    expect(plain(sync.getByText('Last error').nextElementSibling?.textContent)).toBe(
      'the Attain server took too long to answer (10 minutes ago)',
    );
    expect(plain(sync.getByText('Next try').nextElementSibling?.textContent)).toBe('in 1 minute');
    expect(plain(sync.getByText('Changes waiting').nextElementSibling?.textContent)).toBe('2');
    await user.click(sync.getByRole('button', { name: 'Sync now' }));
    expect(actions.syncNow).toHaveBeenCalled();
    expect(sync.getByText('The server said: You may not reply to this note.')).toBeTruthy();
    await user.click(sync.getByRole('button', { name: 'Dismiss' }));
    expect(actions.dismissRejection).toHaveBeenCalledWith(42);
  });

  it('switches theme and language', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<SettingsContainer />);
    const look = section('Appearance');
    expect(
      (look.getByRole('radio', { name: 'Same as the system' }) as HTMLInputElement).checked,
    ).toBe(true);
    await user.click(look.getByRole('radio', { name: 'Dark' }));
    expect(actions.setPreferences).toHaveBeenCalledWith({ theme: 'dark' });
    await user.selectOptions(look.getByRole('combobox', { name: 'Language' }), 'id');
    expect(actions.setPreferences).toHaveBeenCalledWith({ language: 'id' });
  });

  it('docks and resizes the sidebar on this CRM site', async () => {
    const user = userEvent.setup();
    const sidebar = fx.sidebarLayout();
    renderWorkbench({ initialView: 'settings', sidebar });
    const panel = section('Sidebar');
    await user.click(panel.getByRole('radio', { name: 'Left' }));
    expect(sidebar.dock).toHaveBeenCalledWith('left');
    const width = panel.getByRole('slider', { name: 'Width' });
    expect(width.getAttribute('aria-valuetext')).toBe('380 px');
    fireEvent.change(width, { target: { value: '420' } });
    expect(sidebar.resize).toHaveBeenCalledWith(420);
  });

  it('explains where the side and width are set outside a CRM page', () => {
    renderView(<SettingsContainer />);
    expect(section('Sidebar').getByText(/remembered per CRM site/)).toBeTruthy();
  });

  it('lists every shortcut, including the browser’s', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<SettingsContainer />);
    const shortcuts = section('Keyboard shortcuts');
    const rows = within(shortcuts.getByRole('table'))
      .getAllByRole('row')
      .map((r) => plain(r.textContent));
    expect(rows).toEqual(
      expect.arrayContaining([
        'Command paletteCtrlK',
        'Sidebar: Show or hide the sidebarAltShiftA (set in the browser)',
        'Sync: Sync nowAltShiftS',
        'View: My numbersAlt1',
        'View: SettingsAlt9',
      ]),
    );
    await user.click(shortcuts.getByRole('button', { name: 'Change browser shortcuts…' }));
    expect(actions.openShortcutSettings).toHaveBeenCalled();
  });

  it('turns CRMs on and off, and adds and removes hosts', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<SettingsContainer />);
    const crms = section('CRMs');
    await user.click(crms.getByRole('checkbox', { name: 'Pipedrive' }));
    expect(actions.setPreferences).toHaveBeenCalledWith({
      enabledCrms: ['salesforce-lightning', 'salesforce-classic', 'hubspot', 'dynamics365'],
    });
    expect(crms.getByText('https://crm.acme-internal.com')).toBeTruthy();
    await user.click(crms.getByRole('button', { name: 'Remove https://crm.acme-internal.com' }));
    expect(actions.removeHost).toHaveBeenCalledWith('https://crm.acme-internal.com/*');

    await user.type(
      crms.getByRole('textbox', { name: 'CRM address' }),
      'https://acme.my.salesforce.com',
    );
    await user.selectOptions(crms.getByRole('combobox', { name: 'It runs' }), 'salesforce');
    await user.click(crms.getByRole('button', { name: 'Add' }));
    expect(actions.addHost).toHaveBeenCalledWith('https://acme.my.salesforce.com', 'salesforce');
    expect(crms.getByRole('status').textContent).toBe(
      'https://acme.my.salesforce.com added. Reload its pages to see the sidebar.',
    );
    actions.addHost.mockResolvedValueOnce('denied');
    await user.type(crms.getByRole('textbox', { name: 'CRM address' }), 'crm.example.org');
    await user.click(crms.getByRole('button', { name: 'Add' }));
    expect(crms.getByRole('status').textContent).toBe(
      'The browser didn’t allow it, so nothing was added.',
    );
  });

  it('renders in Indonesian', async () => {
    const { container } = renderView(<SettingsContainer />, { language: 'id' });
    expect(screen.getByRole('region', { name: 'Akun' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Gelap' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Pintasan keyboard' })).toBeTruthy();
    await expectNoAxeViolations(container);
  });
});
