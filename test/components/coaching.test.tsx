// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CoachingContainer } from '../../components/views/coaching/CoachingContainer';
import * as fx from './fixtures';
import { expectNoAxeViolations, ok, renderView, renderWorkbench } from './harness';

function section(name: RegExp | string) {
  return within(screen.getByRole('region', { name }));
}

describe('Coaching', () => {
  it('shows this deal’s prompts first, then the rep’s, then other deals’, most severe first', async () => {
    const user = userEvent.setup();
    const { container } = renderView(<CoachingContainer />, { record: fx.acmeRecord() });
    const deal = section(/^This deal/);
    const prompt = deal.getByRole('article', { name: 'Bring procurement in before the MSA' });
    expect(within(prompt).getByText('Warning')).toBeTruthy();
    expect(within(prompt).getByText('From Maria Lopez · 2 days ago')).toBeTruthy();
    const you = section(/^You/);
    expect(you.getByRole('article', { name: /Pipeline covers 1\.8\d?× of your gap/ })).toBeTruthy();
    const others = screen.getByText('1 prompt about another deal');
    await user.click(others);
    const other = section(/^Other deals/).getByRole('article', {
      name: /Close date passed 13 days ago/,
    });
    expect(within(other).getByText('Risk')).toBeTruthy();
    expect(within(other).getByText('About Hooli data deal')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('puts the count of prompts needing attention on the activity bar', () => {
    renderWorkbench({ record: fx.acmeRecord() });
    expect(screen.getByRole('tab', { name: 'Coaching, 3 prompts need attention' })).toBeTruthy();
  });

  it('dismisses a prompt', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<CoachingContainer />, { record: fx.acmeRecord() });
    const prompt = screen.getByRole('article', { name: 'Bring procurement in before the MSA' });
    await user.click(within(prompt).getByRole('button', { name: 'Dismiss' }));
    expect(actions.prompts.dismiss).toHaveBeenCalledWith('mp-1');
  });

  it('snoozes a prompt for a chosen time', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<CoachingContainer />, { record: fx.acmeRecord() });
    const prompt = screen.getByRole('article', { name: 'Bring procurement in before the MSA' });
    const snooze = within(prompt).getByRole('button', { name: 'Snooze' });
    await user.click(snooze);
    expect(snooze.getAttribute('aria-expanded')).toBe('true');
    await user.click(within(prompt).getByRole('button', { name: '3 days' }));
    expect(actions.prompts.snooze).toHaveBeenCalledWith('mp-1', '2026-08-17T10:30:00.000Z');
  });

  it('says why a dismissal was not saved', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<CoachingContainer />, { record: fx.acmeRecord() });
    actions.prompts.dismiss.mockRejectedValueOnce(
      Object.assign(new Error('x'), { code: 'signed_out' }),
    );
    const prompt = screen.getByRole('article', { name: 'Bring procurement in before the MSA' });
    await user.click(within(prompt).getByRole('button', { name: 'Dismiss' }));
    expect(within(prompt).getByRole('alert').textContent).toBe(
      'Not saved: you’re signed out. Sign in and try again.',
    );
  });

  it('leaves out what the reader dismissed or snoozed', () => {
    renderView(<CoachingContainer />, {
      record: fx.acmeRecord(),
      state: {
        coaching: ok({
          settings: fx.settings,
          managerPrompts: [fx.managerPrompt],
          promptStates: [
            {
              promptId: 'mp-1',
              userId: 'u-dana',
              status: 'dismissed',
              updatedAt: '2026-08-13T10:00:00.000Z',
            },
            {
              promptId: 'low-coverage:u-dana',
              userId: 'u-dana',
              status: 'snoozed',
              snoozedUntil: '2026-08-20T00:00:00.000Z',
              updatedAt: '2026-08-13T10:00:00.000Z',
            },
          ],
        }),
      },
    });
    expect(
      screen.queryByRole('article', { name: 'Bring procurement in before the MSA' }),
    ).toBeNull();
    expect(screen.queryByRole('region', { name: /^You/ })).toBeNull();
  });

  it('says there is nothing to act on, and what will show up here', () => {
    renderView(<CoachingContainer />, {
      state: {
        inputs: () => ok({ ...fx.danaInputs, deals: fx.deals.filter((d) => d.isClosed) }),
        coaching: ok({
          settings: { ...fx.settings, disabledRules: ['low-coverage'] },
          managerPrompts: [],
          promptStates: [],
        }),
      },
    });
    expect(screen.getByText('Nothing to act on right now')).toBeTruthy();
  });

  it('lets a manager write a prompt for the rep who owns the deal', async () => {
    const user = userEvent.setup();
    const { actions, container } = renderView(<CoachingContainer />, {
      record: fx.acmeRecord(),
      state: { me: ok(fx.maria) },
    });
    const form = within(screen.getByRole('form', { name: 'Write a prompt for this rep' }));
    await user.click(form.getByRole('button', { name: 'Add prompt' }));
    expect(form.getByRole('alert').textContent).toBe('Give the prompt a title.');
    await user.selectOptions(form.getByRole('combobox', { name: 'Kind' }), 'risk');
    await user.type(
      form.getByRole('textbox', { name: 'Title' }),
      'Get the economic buyer on a call',
    );
    await user.type(form.getByRole('textbox', { name: 'Detail (optional)' }), 'Before the 25th.');
    await user.click(form.getByRole('button', { name: 'Add prompt' }));
    expect(actions.prompts.create).toHaveBeenCalledWith({
      repId: 'u-dana',
      severity: 'risk',
      title: 'Get the economic buyer on a call',
      detail: 'Before the 25th.',
      dealId: 'd-acme',
    });
    expect(form.getByRole('status').textContent).toBe(
      'Added. The rep sees it after the next sync.',
    );
    await expectNoAxeViolations(container);
  });

  it('words the rules’ prompts in Indonesian, with Indonesian figures and dates', async () => {
    const user = userEvent.setup();
    const { container } = renderView(<CoachingContainer />, {
      record: fx.acmeRecord(),
      language: 'id',
    });
    const you = section(/^Anda/);
    // Coverage 165,000 ÷ 90,000 = 1.83…, cut to 1.83 and written with a decimal comma.
    const coverage = you.getByRole('article', {
      name: 'Pipeline menutupi 1,83× dari kekurangan Anda (target 3×)',
    });
    expect(
      within(coverage).getByText(/^Deal terbuka yang ditutup periode ini berjumlah 1,83 kali/),
    ).toBeTruthy();
    await user.click(screen.getByText('1 prompt tentang deal lain'));
    const overdue = section(/^Deal lain/).getByRole('article', {
      name: 'Tanggal penutupan lewat 13 hari yang lalu',
    });
    expect(
      within(overdue).getByText(
        '“Hooli data deal” seharusnya ditutup pada 1 Agu 2026 dan masih terbuka. Pindahkan tanggal penutupan ke perkiraan Anda sekarang, atau tutup deal sebagai menang atau kalah.',
      ),
    ).toBeTruthy();
    // Nothing is left in the engine's English, and nothing is marked as such.
    expect(container.querySelector('[lang="en"]')).toBeNull();
    expect(container.textContent).not.toMatch(/Close date|Pipeline covers|points behind/);
    // A manager's prompt is shown as they wrote it.
    expect(
      screen.getByRole('heading', { name: 'Bring procurement in before the MSA' }),
    ).toBeTruthy();
    expect(screen.getByText('Dari Maria Lopez · kemarin dulu')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('writes the figures of a prompt in the reader’s locale in English too', () => {
    renderView(<CoachingContainer />, { record: fx.acmeRecord() });
    expect(
      screen.getByRole('article', { name: 'Pipeline covers 1.83× of your gap (target 3×)' }),
    ).toBeTruthy();
    expect(
      screen.getByText(/^“Hooli data deal” was due to close on Aug 1, 2026 and is still open\./),
    ).toBeTruthy();
  });
});
