// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TeamContainer } from '../../components/views/team/TeamContainer';
import * as fx from './fixtures';
import {
  expectNoAxeViolations,
  failed,
  ok,
  pending,
  plain,
  renderView,
  renderWorkbench,
} from './harness';

const table = () => screen.getByRole('table', { name: 'Your reps this period' });
const names = () =>
  within(table())
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('rowheader')[0]!.querySelector('button')!.textContent);

describe('Team', () => {
  it('shows one row per rep with attainment, pace, coverage, payout and deals at risk', async () => {
    const { container } = renderView(<TeamContainer />, { state: { me: ok(fx.maria) } });
    const rows = within(table())
      .getAllByRole('row')
      .map((r) => plain(r.textContent));
    expect(rows[0]).toBe('RepAttainment▼Pace (pts)CoverageEst. payoutAt risk');
    expect(rows.slice(1)).toEqual([
      'Omar Haddad112%+25—$27.4K0',
      'Dana Whitfield70%-171.6×$16.8K1',
      'Lena Fischer41%-462.4×$9.8K3',
      'Kofi Mensah1 problem————0',
    ]);
    expect(screen.getByText('From the server 1 hour ago; may have changed since.')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('sorts by any column, both ways, with aria-sort on the header', async () => {
    const user = userEvent.setup();
    renderView(<TeamContainer />, { state: { me: ok(fx.maria) } });
    const header = (name: string) =>
      within(table()).getByRole('columnheader', { name: new RegExp(`^${name}`) });
    expect(header('Attainment').getAttribute('aria-sort')).toBe('descending');
    await user.click(within(header('At risk')).getByRole('button'));
    expect(header('At risk').getAttribute('aria-sort')).toBe('descending');
    expect(header('Attainment').getAttribute('aria-sort')).toBeNull();
    expect(names()).toEqual(['Lena Fischer', 'Dana Whitfield', 'Kofi Mensah', 'Omar Haddad']);
    await user.click(within(header('At risk')).getByRole('button'));
    expect(header('At risk').getAttribute('aria-sort')).toBe('ascending');
    await user.click(within(header('Rep')).getByRole('button'));
    expect(names()).toEqual(['Dana Whitfield', 'Kofi Mensah', 'Lena Fischer', 'Omar Haddad']);
    // Empty figures stay last whichever the direction.
    await user.click(within(header('Coverage')).getByRole('button'));
    expect(names()).toEqual(['Lena Fischer', 'Dana Whitfield', 'Kofi Mensah', 'Omar Haddad']);
    await user.click(within(header('Coverage')).getByRole('button'));
    expect(names()).toEqual(['Dana Whitfield', 'Lena Fischer', 'Kofi Mensah', 'Omar Haddad']);
  });

  it('filters by team when the manager has several', async () => {
    const user = userEvent.setup();
    renderView(<TeamContainer />, { state: { me: ok(fx.maria) } });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Team' }), 't-east');
    expect(names()).toEqual(['Kofi Mensah']);
  });

  it('is a manager’s view only', () => {
    renderWorkbench();
    expect(screen.queryByRole('tab', { name: 'Team' })).toBeNull();
  });

  it('says it needs the server when offline with nothing cached, and what failed otherwise', async () => {
    const user = userEvent.setup();
    renderView(<TeamContainer />, {
      state: { me: ok(fx.maria), team: pending(), sync: ok({ ...fx.syncedStatus, online: false }) },
    });
    expect(screen.getByText('The team overview needs the server')).toBeTruthy();
    const team = failed<never>('HTTP 503');
    renderView(<TeamContainer />, { state: { me: ok(fx.maria), team } });
    expect(screen.getByRole('alert').textContent).toContain(
      'Couldn’t load the team overview from the server.',
    );
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(team.refetch).toHaveBeenCalled();
  });

  it('renders in Indonesian', async () => {
    const { container } = renderView(<TeamContainer />, {
      state: { me: ok(fx.maria) },
      language: 'id',
    });
    expect(screen.getByRole('table', { name: 'Rep Anda pada periode ini' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Buka angka Dana Whitfield' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Laju (poin)' })).toBeTruthy();
    await expectNoAxeViolations(container);
  });
});

describe('Team: counts in the right plural form', () => {
  const withProblems = (count: number): typeof fx.teamOverview => [
    {
      ...fx.teamOverview[1]!,
      reps: [
        {
          ...fx.teamOverview[1]!.reps[0]!,
          problems: Array.from({ length: count }, (_, i) => `Problem ${i + 1}`),
        },
      ],
    },
  ];

  it.each([
    ['en', 1, '1 problem'],
    ['en', 2, '2 problems'],
    ['id', 1, '1 masalah'],
    ['id', 2, '2 masalah'],
  ] as const)('%s: %i problem(s) of a rep', (language, count, text) => {
    renderView(<TeamContainer />, {
      language,
      state: { me: ok(fx.maria), team: ok(withProblems(count)) },
    });
    expect(screen.getByText(text)).toBeTruthy();
  });
});
