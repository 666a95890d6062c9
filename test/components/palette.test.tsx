// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import * as fx from './fixtures';
import { expectNoAxeViolations, ok, plain, renderWorkbench } from './harness';

function palette() {
  return screen.getByRole('dialog', { name: 'Command palette' });
}
function options() {
  return within(palette()).getAllByRole('option');
}
function active() {
  const input = within(palette()).getByRole('combobox');
  const id = input.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id) : null;
}

describe('command palette', () => {
  it('opens with Ctrl+K, lists every command with its shortcut, and closes with Escape giving the focus back', async () => {
    const user = userEvent.setup();
    renderWorkbench({ record: fx.acmeRecord(), sidebar: fx.sidebarLayout() });
    const tab = screen.getByRole('tab', { name: 'My numbers' });
    tab.focus();
    await user.keyboard('{Control>}k{/Control}');
    const input = within(palette()).getByRole('combobox', { name: 'Type a command' });
    expect(document.activeElement).toBe(input);
    const labels = options().map((o) => plain(o.textContent));
    expect(labels).toEqual(
      expect.arrayContaining([
        'Sidebar: Show or hide the sidebarAltShiftA',
        'Sync: Sync nowAltShiftS',
        'View: My numbersAlt1',
        'View: This dealAlt2',
        'What-if: Set an amount for this dealAltShiftW',
        'My numbers: Change periodAltShiftP',
        'Pulse: Answer the pulse',
        'Account: Sign out',
        'Preferences: Change theme',
      ]),
    );
    // Managers only: not offered to a rep.
    expect(labels.some((l) => l.startsWith('Notes: Add a note'))).toBe(false);
    // Without a query: in alphabetical order.
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
    expect(active()).toBe(options()[0]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(tab);
    // Ctrl+K again closes it too, giving the focus back the same way.
    await user.keyboard('{Control>}k{/Control}');
    expect(palette()).toBeTruthy();
    await user.keyboard('{Control>}k{/Control}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(tab);
    expect(tab.getAttribute('aria-keyshortcuts')).toBe('Alt+1');
  });

  it('finds commands by fuzzy search and runs the chosen one with Enter', async () => {
    const user = userEvent.setup();
    const view = renderWorkbench({ record: fx.acmeRecord() });
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('snow');
    expect(plain(options()[0]!.textContent)).toBe('Sync: Sync nowAltShiftS');
    const marks = within(options()[0]!).getAllByText((_, el) => el?.tagName === 'MARK');
    expect(
      marks
        .map((m) => m.textContent)
        .join('')
        .toLowerCase(),
    ).toBe('snow');
    await user.keyboard('{Enter}');
    expect(view.actions.syncNow).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('moves with the arrow keys (wrapping) and says when nothing matches', async () => {
    const user = userEvent.setup();
    renderWorkbench({ record: fx.acmeRecord() });
    await user.keyboard('{Control>}k{/Control}');
    const all = options();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(active()).toBe(all[2]);
    expect(all[2]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(active()).toBe(options()[options().length - 1]);
    await user.keyboard('zzqx');
    expect(within(palette()).queryAllByRole('option')).toHaveLength(0);
    expect(within(palette()).getByRole('status').textContent).toBe('No matching commands');
  });

  it('opens a view and moves the focus into it', async () => {
    const user = userEvent.setup();
    renderWorkbench({ record: fx.acmeRecord() });
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('view this deal{Enter}');
    const panel = screen.getByRole('tabpanel', { name: 'This deal' });
    expect(document.activeElement).toBe(panel);
  });

  it('asks for a value in a second step: what-if, set amount', async () => {
    const user = userEvent.setup();
    renderWorkbench({ record: fx.acmeRecord() });
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('what-if set amount{Enter}');
    const input = within(palette()).getByRole('combobox', {
      name: 'Type an amount to try, then press Enter. The CRM is not changed.',
    });
    await user.keyboard('lots{Enter}');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(within(palette()).getByText('Type an amount, like 125,000 or 125000.50.')).toBeTruthy();
    await user.clear(input);
    await user.keyboard('100,000{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    const panel = screen.getByRole('tabpanel', { name: 'This deal' });
    expect(
      plain(within(panel).getByText(/^\$[\d,.]+$/, { selector: '.big-figure' }).textContent),
    ).toBe('$9,400.00');
    expect(document.activeElement).toBe(
      within(panel).getByRole('textbox', { name: 'Try another amount (USD)' }),
    );
  });

  it('runs a shortcut that needs a second step in the palette: Alt+Shift+W', async () => {
    const user = userEvent.setup();
    renderWorkbench({ record: fx.acmeRecord() });
    await user.keyboard('{Alt>}{Shift>}w{/Shift}{/Alt}');
    expect(within(palette()).getByRole('combobox', { name: /Type an amount to try/ })).toBeTruthy();
  });

  it('offers choices in a second step, with the current one checked: change theme', async () => {
    const user = userEvent.setup();
    const view = renderWorkbench();
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('theme{Enter}');
    expect(options().map((o) => o.textContent)).toEqual(['Same as the system', 'Light', 'Dark']);
    expect(active()?.textContent).toBe('Same as the system');
    await user.keyboard('{Backspace}');
    expect(options().length).toBeGreaterThan(3);
    await user.keyboard('theme{Enter}dark{Enter}');
    expect(view.actions.setPreferences).toHaveBeenCalledWith({ theme: 'dark' });
  });

  it('signs out after asking whether to keep the data', async () => {
    const user = userEvent.setup();
    const view = renderWorkbench();
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('sign out{Enter}');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(view.actions.signOut).toHaveBeenCalledWith({ clearLocalData: true });
  });

  it('offers manager commands to managers: add a note, write a prompt', async () => {
    const user = userEvent.setup();
    renderWorkbench({ record: fx.acmeRecord(), state: { me: ok(fx.maria) } });
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('add note{Enter}');
    const panel = screen.getByRole('tabpanel', { name: 'Notes' });
    expect(document.activeElement).toBe(
      within(panel).getByRole('textbox', { name: 'Write a note on this deal…' }),
    );
  });

  it('shows a failed command’s error in the workbench', async () => {
    const user = userEvent.setup();
    const view = renderWorkbench();
    view.actions.syncNow.mockRejectedValueOnce(
      Object.assign(new Error('disk'), { code: 'storage_full' }),
    );
    await user.keyboard('{Control>}k{/Control}sync now{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Not saved: the browser has no room left',
    );
  });

  it('is closed by clicking outside it', async () => {
    const user = userEvent.setup();
    renderWorkbench();
    await user.click(screen.getByRole('button', { name: /Commands/ }));
    expect(palette()).toBeTruthy();
    await user.click(palette().parentElement!);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('is translated, and has no axe violations', async () => {
    const user = userEvent.setup();
    const view = renderWorkbench({ record: fx.acmeRecord(), language: 'id' });
    await user.keyboard('{Control>}k{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Palet perintah' });
    await user.keyboard('sinkron');
    expect(plain(within(dialog).getAllByRole('option')[0]!.textContent)).toContain(
      'Sinkronisasi: Sinkronkan sekarang',
    );
    await expectNoAxeViolations(view.container);
  });
});
