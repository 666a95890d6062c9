// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PulseContainer } from '../../components/views/pulse/PulseContainer';
import * as fx from './fixtures';
import { expectNoAxeViolations, ok, pending, plain, renderView, renderWorkbench } from './harness';

describe('Pulse', () => {
  it('asks the question when due, answered in two clicks, then thanks', async () => {
    const user = userEvent.setup();
    const { actions, container } = renderView(<PulseContainer />);
    const group = screen.getByRole('group', {
      name: 'How likely are you to recommend Acme Sales Co as a place to work?',
    });
    expect(within(group).getAllByRole('radio')).toHaveLength(11);
    expect(
      screen.getByText(
        /Anonymous: results are shown only for groups of 5 or more, comments for 10 or more/,
      ),
    ).toBeTruthy();
    await expectNoAxeViolations(container);
    await user.click(within(group).getByRole('radio', { name: '8' }));
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(actions.pulse.respond).toHaveBeenCalledWith({
      surveyId: 'sv-enps',
      periodStart: '2026-07-01',
      score: 8,
    });
    const thanks = screen.getByRole('status');
    expect(thanks.textContent).toContain('Thank you');
    expect(thanks.textContent).toContain('Your answer was recorded anonymously.');
    expect(thanks.textContent).toContain('The next pulse opens on Oct 1, 2026.');
  });

  it('takes an optional comment and the further questions', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<PulseContainer />);
    const main = screen.getByRole('group', { name: /How likely are you to recommend/ });
    await user.click(within(main).getByRole('radio', { name: '10' }));
    await user.type(
      screen.getByRole('textbox', { name: 'Anything to add? (optional)' }),
      '  Great onboarding  ',
    );
    await user.click(screen.getByText('1 more question (optional)'));
    const growth = screen.getByRole('group', { name: 'I see a path to grow here.' });
    await user.click(within(growth).getByRole('radio', { name: '7' }));
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(actions.pulse.respond).toHaveBeenCalledWith({
      surveyId: 'sv-enps',
      periodStart: '2026-07-01',
      score: 10,
      comment: 'Great onboarding',
      answers: { 'q-growth': 7 },
    });
  });

  it('is answered from the keyboard alone', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<PulseContainer />);
    await user.tab();
    expect(document.activeElement?.getAttribute('type')).toBe('radio');
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect((document.activeElement as HTMLInputElement).value).toBe('3');
    await user.keyboard('{Enter}');
    expect(actions.pulse.respond).toHaveBeenCalledWith(expect.objectContaining({ score: 3 }));
  });

  it('asks for a score before sending, and snoozes on request', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<PulseContainer />);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert').textContent).toBe('Pick a score from 0 to 10 first.');
    expect(actions.pulse.respond).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Ask me tomorrow' }));
    expect(actions.pulse.snooze).toHaveBeenCalledWith({
      surveyId: 'sv-enps',
      until: '2026-08-15T10:30:00.000Z',
    });
  });

  it('says the pulse was answered, or when it will be asked again', async () => {
    const user = userEvent.setup();
    renderView(<PulseContainer />, {
      state: { pulse: ok({ surveys: [fx.survey], statuses: [fx.answeredStatus] }) },
    });
    expect(screen.getByText('You’ve answered this pulse. Thank you.')).toBeTruthy();
    expect(screen.getByText('The next pulse opens on Oct 1, 2026.')).toBeTruthy();

    renderView(<PulseContainer />, {
      state: {
        pulse: ok({
          surveys: [fx.survey],
          statuses: [
            {
              id: 'sv-enps',
              surveyId: 'sv-enps',
              answeredPeriods: [],
              snoozedUntil: '2026-08-16T10:30:00.000Z',
            },
          ],
        }),
      },
    });
    expect(screen.getByText('You’ll be asked again in 2 days.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Answer now' }));
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  });

  it('is offered to reps only while a survey runs, with a badge when due', () => {
    const view = renderWorkbench();
    expect(screen.getByRole('tab', { name: 'Pulse, A pulse question is waiting' })).toBeTruthy();
    view.setState({ pulse: ok({ surveys: [fx.survey], statuses: [fx.answeredStatus] }) });
    expect(screen.getByRole('tab', { name: 'Pulse' })).toBeTruthy();
    view.setState({ pulse: ok({ surveys: [], statuses: [] }) });
    expect(screen.queryByRole('tab', { name: /Pulse/ })).toBeNull();
  });

  it('shows managers the results as anonymous aggregates, with the withholding rules in view', async () => {
    const user = userEvent.setup();
    const enps = vi.fn(() =>
      ok(fx.enpsResults, { dataUpdatedAt: Date.parse('2026-08-14T10:00:00.000Z') }),
    );
    const { container } = renderView(<PulseContainer />, {
      state: {
        me: ok(fx.maria),
        pulse: ok({ surveys: [fx.survey], statuses: [fx.answeredStatus] }),
        enps,
      },
    });
    const results = within(screen.getByRole('region', { name: 'Results: Quarterly eNPS' }));
    expect(
      results.getByText(/Groups with fewer than 5 answers are withheld, and comments need 10/),
    ).toBeTruthy();
    expect(results.getByLabelText('eNPS +29').textContent).toBe('+29');
    expect(results.getByText('14 answers: 7 promoters, 4 passives, 3 detractors')).toBeTruthy();
    const table = within(results.getByRole('table', { name: 'By team' }));
    expect(plain(table.getByRole('row', { name: /West/ }).textContent)).toBe('West+339');
    expect(table.getByRole('row', { name: /East/ }).textContent).toBe(
      'EastWithheld: fewer than 5 answers',
    );
    expect(results.getByText('Great team')).toBeTruthy();
    expect(results.getByText('Average 7.4 from 12 answers')).toBeTruthy();
    expect(
      screen.getByText('From the server 30 minutes ago; may have changed since.'),
    ).toBeTruthy();
    await user.selectOptions(results.getByRole('combobox', { name: 'Period' }), '2026-04-01');
    expect(enps).toHaveBeenLastCalledWith('sv-enps', '2026-04-01');
    await expectNoAxeViolations(container);
  });

  it('says results need the server when offline with nothing cached', () => {
    renderView(<PulseContainer />, {
      state: {
        me: ok(fx.maria),
        sync: ok({ ...fx.syncedStatus, online: false }),
        enps: () => pending(),
        pulse: ok({ surveys: [fx.survey], statuses: [fx.answeredStatus] }),
      },
    });
    expect(screen.getByText('Results need the server')).toBeTruthy();
  });

  it('renders in Indonesian', async () => {
    const { container } = renderView(<PulseContainer />, {
      language: 'id',
      state: { me: ok(fx.maria), pulse: ok({ surveys: [fx.survey], statuses: [] }) },
    });
    expect(
      screen.getByRole('group', {
        name: 'Seberapa besar kemungkinan Anda merekomendasikan Acme Sales Co sebagai tempat bekerja?',
      }),
    ).toBeTruthy();
    expect(screen.getByText('Disembunyikan: kurang dari 5 jawaban')).toBeTruthy();
    expect(screen.getByText('14 jawaban: 7 promotor, 4 pasif, 3 detraktor')).toBeTruthy();
    await expectNoAxeViolations(container);
  });
});

describe('Pulse results: every count in the right plural form', () => {
  /** Results where each count is `n`: n answers, n promoters, passives and detractors. */
  function resultsWith(n: number): typeof fx.enpsResults {
    return {
      ...fx.enpsResults,
      overall: {
        ...fx.enpsResults.overall,
        responses: 3 * n,
        promoters: n,
        passives: n,
        detractors: n,
        score: 0,
      },
      teams: [],
      questions: [
        {
          questionId: 'q-growth',
          kind: 'score',
          withheld: false,
          responses: n,
          average: 7,
          answers: null,
        },
        {
          questionId: 'q-tools',
          kind: 'score',
          withheld: true,
          responses: null,
          average: null,
          answers: null,
        },
      ],
    };
  }

  function renderResults(n: number, language: 'en' | 'id') {
    renderView(<PulseContainer />, {
      language,
      state: {
        me: ok(fx.maria),
        pulse: ok({
          surveys: [{ ...fx.survey, minGroupSize: n, minCommentGroupSize: n }],
          statuses: [fx.answeredStatus],
        }),
        enps: () => ok(resultsWith(n)),
      },
    });
  }

  it.each([
    [
      1,
      '3 answers: 1 promoter, 1 passive, 1 detractor',
      'Average 7 from 1 answer',
      'Withheld: fewer than 1 answer',
      /Groups with fewer than 1 answer are withheld, and comments need 1\./,
    ],
    [
      2,
      '6 answers: 2 promoters, 2 passives, 2 detractors',
      'Average 7 from 2 answers',
      'Withheld: fewer than 2 answers',
      /Groups with fewer than 2 answers are withheld, and comments need 2\./,
    ],
  ])('English, %i of each', (n, breakdown, average, withheld, rules) => {
    renderResults(n, 'en');
    expect(screen.getByText(breakdown)).toBeTruthy();
    expect(screen.getByText(average)).toBeTruthy();
    expect(screen.getByText(withheld)).toBeTruthy();
    expect(screen.getByText(rules)).toBeTruthy();
  });

  it.each([
    [
      1,
      '3 jawaban: 1 promotor, 1 pasif, 1 detraktor',
      'Rata-rata 7 dari 1 jawaban',
      'Disembunyikan: kurang dari 1 jawaban',
      /Kelompok dengan kurang dari 1 jawaban disembunyikan, dan komentar memerlukan 1\./,
    ],
    [
      2,
      '6 jawaban: 2 promotor, 2 pasif, 2 detraktor',
      'Rata-rata 7 dari 2 jawaban',
      'Disembunyikan: kurang dari 2 jawaban',
      /Kelompok dengan kurang dari 2 jawaban disembunyikan, dan komentar memerlukan 2\./,
    ],
  ])('Indonesian (no plural forms), %i of each', (n, breakdown, average, withheld, rules) => {
    renderResults(n, 'id');
    expect(screen.getByText(breakdown)).toBeTruthy();
    expect(screen.getByText(average)).toBeTruthy();
    expect(screen.getByText(withheld)).toBeTruthy();
    expect(screen.getByText(rules)).toBeTruthy();
  });

  it.each([
    ['en', 1, '1 more question (optional)'],
    ['en', 2, '2 more questions (optional)'],
    ['id', 1, '1 pertanyaan lagi (opsional)'],
    ['id', 2, '2 pertanyaan lagi (opsional)'],
  ] as const)('the further questions of a pulse (%s, %i)', (language, n, text) => {
    const questions = Array.from({ length: n }, (_, i) => ({
      ...fx.survey.questions[0]!,
      id: `q-${i}`,
    }));
    renderView(<PulseContainer />, {
      language,
      state: { pulse: ok({ surveys: [{ ...fx.survey, questions }], statuses: [] }) },
    });
    expect(screen.getByText(text)).toBeTruthy();
  });
});
