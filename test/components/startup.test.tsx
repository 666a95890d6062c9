// @vitest-environment jsdom
/**
 * What the sidebar does for a fast first paint, seen from the workbench: badges computed only
 * after the first paint (and then the same as ever), views that register after the workbench
 * is on screen, the locale resolved without probing ICU's locale list.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createI18n, resolveLocale } from '../../components/i18n/I18nProvider';
import { NumbersContainer } from '../../components/views/numbers/NumbersContainer';
import { BadgesAfter } from '../../components/workbench/ActivityBar';
import { AfterFirstPaint } from '../../components/workbench/first-paint';
import { ViewRegistry, viewRegistry } from '../../components/workbench/ViewRegistry';
import { WorkbenchRoot } from '../../components/workbench/WorkbenchRoot';
import * as fx from './fixtures';
import { defaultState, fakeActions, fakeData, fakeHost, plain, renderView } from './harness';

function tabs() {
  return within(screen.getByRole('tablist', { name: 'Views' }))
    .getAllByRole('tab')
    .map((tab) => tab.getAttribute('aria-label'));
}

/** A promise and its resolver. */
function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('the sidebar’s first paint', () => {
  it('computes the activity bar’s badges only after the first paint, showing the same', async () => {
    const painted = deferred();
    const coaching = viewRegistry.get('coaching')!;
    const badge = vi.spyOn(coaching, 'useBadge');
    const data = fakeData(defaultState(), fakeActions());
    render(
      <BadgesAfter ready={painted.promise}>
        <WorkbenchRoot data={data} host={fakeHost(fx.acmeRecord())} initialViewId={null} />
      </BadgesAfter>,
    );
    expect(screen.getByRole('tabpanel', { name: 'My numbers' })).toBeTruthy();
    expect(tabs()).toContain('Coaching');
    expect(tabs()).toContain('Notes');
    expect(badge).not.toHaveBeenCalled();

    await act(async () => {
      painted.resolve();
      await painted.promise;
    });
    // However slow the machine, the badges appear once the first paint has been reported.
    await waitFor(() => {
      expect(badge).toHaveBeenCalled();
      expect(tabs().find((t) => t?.startsWith('Coaching'))).toMatch(
        /^Coaching, \d+ prompts? needs? attention$/,
      );
      expect(tabs()).toContain('Notes, 1 open thread');
      expect(tabs()).toContain('Pulse, A pulse question is waiting');
    });
    badge.mockRestore();
  });

  it('paints My numbers’ figures first and computes the history after the first paint', async () => {
    const painted = deferred();
    renderView(
      <AfterFirstPaint ready={painted.promise}>
        <NumbersContainer />
      </AfterFirstPaint>,
    );
    const historyTable = () =>
      screen.queryByRole('table', { name: 'Attainment and payout by period' });
    expect(plain(screen.getByText('70%', { selector: '.big-figure' }).textContent)).toBe('70%');
    expect(screen.getByRole('heading', { name: 'Last 6 periods' })).toBeTruthy();
    expect(historyTable()).toBeNull();

    await act(async () => {
      painted.resolve();
      await painted.promise;
    });
    const rows = within(historyTable()!)
      .getAllByRole('row')
      .slice(1)
      .map((r) => plain(r.textContent));
    expect(rows).toHaveLength(6);
    expect(rows[rows.length - 1]).toBe('Jul – Sep 202670%$210,000.00$18,800.00');
    expect(rows[rows.length - 2]).toBe('Apr – Jun 2026116.7%$350,000.00$32,000.00');
  });

  it('shows views that register after the workbench is on screen', () => {
    const registry = new ViewRegistry();
    const Numbers = viewRegistry.get('numbers')!;
    const Settings = viewRegistry.get('settings')!;
    registry.register({ ...Numbers, when: Numbers.when });
    const data = fakeData(defaultState(), fakeActions());
    render(
      <WorkbenchRoot
        data={data}
        host={fakeHost(null)}
        registry={registry}
        initialViewId="settings"
      />,
    );
    // The remembered view is not there yet: the first one is shown meanwhile.
    expect(tabs()).toEqual(['My numbers']);
    expect(screen.getByRole('tabpanel', { name: 'My numbers' })).toBeTruthy();
    act(() => {
      registry.register({ ...Settings, when: Settings.when });
    });
    expect(tabs()).toEqual(['My numbers', 'Settings']);
    expect(screen.getByRole('tabpanel', { name: 'Settings' })).toBeTruthy();
  });

  it('resolves the locale without listing ICU’s locales, as before', () => {
    const probe = vi.spyOn(Intl.NumberFormat, 'supportedLocalesOf');
    expect(resolveLocale('system', ['en-GB', 'en'])).toEqual({ language: 'en', locale: 'en-GB' });
    expect(resolveLocale('system', ['id-ID'])).toEqual({ language: 'id', locale: 'id-ID' });
    expect(resolveLocale('en', ['id-ID'], 'en-AU')).toEqual({ language: 'en', locale: 'en-AU' });
    // A malformed tag is skipped, not thrown on.
    expect(resolveLocale('en', ['en-', 'en-NZ'])).toEqual({ language: 'en', locale: 'en-NZ' });
    expect(probe).not.toHaveBeenCalled();
    probe.mockRestore();
  });

  it('builds each Intl formatter once per locale', () => {
    const Original = Intl.PluralRules;
    const made: string[] = [];
    class Counting extends Original {
      constructor(locale?: string, options?: Intl.PluralRulesOptions) {
        super(locale, options);
        made.push(String(locale));
      }
    }
    const intl = Intl as { PluralRules: typeof Intl.PluralRules };
    intl.PluralRules = Counting as typeof Intl.PluralRules;
    try {
      const i18n = createI18n('en', 'en-IE');
      expect(i18n.t('notes.badge', { count: 1 })).toBe('1 open thread');
      expect(i18n.t('notes.badge', { count: 2 })).toBe('2 open threads');
      createI18n('en', 'en-IE').t('notes.badge', { count: 3 });
      expect(made.filter((locale) => locale === 'en-IE')).toHaveLength(1);
    } finally {
      intl.PluralRules = Original;
    }
  });
});
