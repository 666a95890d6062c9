import { describe, expect, it } from 'vitest';
import { en } from '../../components/i18n/en';
import { createFormatters } from '../../components/i18n/format';
import { id } from '../../components/i18n/id';
import { createI18n, resolveLocale } from '../../components/i18n/I18nProvider';
import { parseLocaleNumber } from '../../components/i18n/parse-number';
import { placeholdersOf } from '../../components/i18n/translate';

const plain = (s: string) => s.replace(/[\u00a0\u202f\u2009]/g, ' ');

describe('message catalogs', () => {
  it('have the same keys in every language', () => {
    expect(Object.keys(id).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('“%s” uses the same placeholders in Indonesian', (key) => {
    const k = key as keyof typeof en;
    expect(placeholdersOf(id[k])).toEqual(placeholdersOf(en[k]));
  });

  it('have no empty messages, and no English left untranslated where words are expected', () => {
    const same = Object.keys(en).filter((key) => {
      const k = key as keyof typeof en;
      return JSON.stringify(en[k]) === JSON.stringify(id[k]);
    });
    // Brand names, symbols and words Indonesian borrows as they are.
    expect(same.sort()).toEqual(
      [
        'app.name',
        'coaching.dealName',
        'coaching.message.next-tier-within-reach.rate',
        'coaching.message.next-tier-within-reach.tier',
        'command.category.coaching',
        'command.category.pulse',
        'command.category.sidebar',
        'deal.spiffLine',
        'deal.tierRange.between',
        'numbers.multiple',
        'numbers.none',
        'numbers.tierChip',
        'numbers.tierMark',
        'options.email',
        'pulse.enps',
        'pulse.scoreLabel',
        'pulse.title',
        'settings.role.admin',
        'settings.server',
        'settings.sidebar',
        'settings.widthValue',
        'sync.state.offline',
        'team.rep',
        'view.coaching.title',
        'view.pulse.title',
      ].sort(),
    );
    for (const catalog of [en, id]) {
      for (const message of Object.values(catalog)) {
        const texts = typeof message === 'string' ? [message] : [message.other];
        for (const text of texts) expect(text.trim()).not.toBe('');
      }
    }
  });

  it('pick plural forms with Intl.PluralRules and write counts in the locale', () => {
    const english = createI18n('en', 'en-US');
    expect(english.t('sync.state.pending', { count: 1 })).toBe('1 change waiting to sync');
    expect(english.t('sync.state.pending', { count: 1200 })).toBe('1,200 changes waiting to sync');
    const indonesian = createI18n('id', 'id-ID');
    expect(indonesian.t('sync.state.pending', { count: 1200 })).toBe(
      '1.200 perubahan menunggu sinkronisasi',
    );
  });
});

describe('locale', () => {
  it('follows the browser unless a language is chosen, and formats in its regional variant', () => {
    expect(resolveLocale('system', ['en-GB', 'en'])).toEqual({ language: 'en', locale: 'en-GB' });
    expect(resolveLocale('system', ['id-ID'])).toEqual({ language: 'id', locale: 'id-ID' });
    expect(resolveLocale('system', ['fr-FR'])).toEqual({ language: 'en', locale: 'en-US' });
    expect(resolveLocale('id', ['en-US'])).toEqual({ language: 'id', locale: 'id-ID' });
    expect(resolveLocale('en', ['id-ID'], 'en-AU')).toEqual({ language: 'en', locale: 'en-AU' });
  });
});

describe('formatters', () => {
  const en = createFormatters('en-US');
  const idf = createFormatters('id-ID');
  it('write money with the currency’s minor units', () => {
    expect(en.money(1234.5, 'USD')).toBe('$1,234.50');
    expect(plain(idf.money(1234.5, 'USD'))).toBe('US$1.234,50');
    expect(plain(idf.money(1500000, 'IDR'))).toBe('Rp 1.500.000,00');
    expect(en.money(500000, 'JPY')).toBe('¥500,000');
    expect(en.money(20, 'USD', { signed: true })).toBe('+$20.00');
    expect(plain(en.money(12, 'XYZ'))).toBe('XYZ 12.00');
  });
  it('write percentages, dates and periods without time-zone shifts', () => {
    expect(en.percent(0.873)).toBe('87.3%');
    expect(plain(idf.percent(0.873))).toBe('87,3%');
    expect(en.date('2026-09-30')).toBe('Sep 30, 2026');
    expect(idf.date('2026-09-30')).toBe('30 Sep 2026');
    expect(en.period('2026-07-01', '2026-07-31')).toBe('July 2026');
    expect(plain(en.period('2026-07-01', '2026-09-30'))).toBe('Jul – Sep 2026');
    expect(en.days(12)).toBe('12 days');
    expect(idf.days(12)).toBe('12 hari');
  });
  it('write relative times', () => {
    const now = new Date('2026-08-14T10:30:00.000Z');
    expect(en.relative('2026-08-14T10:29:50.000Z', now)).toBe('now');
    expect(en.relative('2026-08-14T10:27:00.000Z', now)).toBe('3 minutes ago');
    expect(en.relative('2026-08-16T10:30:00.000Z', now)).toBe('in 2 days');
    expect(idf.relative('2026-08-14T09:30:00.000Z', now)).toBe('1 jam yang lalu');
  });
});

describe('parseLocaleNumber', () => {
  it.each([
    ['12,500.50', 'en-US', 12500.5],
    ['12500.5', 'en-US', 12500.5],
    ['$125,000', 'en-US', 125000],
    ['12.500,50', 'id-ID', 12500.5],
    ['Rp 1.500.000', 'id-ID', 1500000],
    ['12.5', 'id-ID', 12.5],
    ['12.500', 'id-ID', 12500],
    ['1’250’000.00', 'en-US', 1250000],
  ])('reads %s in %s as %d', (text, locale, value) => {
    expect(parseLocaleNumber(text, locale)).toBe(value);
  });
  it.each([[''], ['abc'], ['1,2,3'], ['1.5.5'], ['-5'], ['120,000x'], ['12,50,000']])(
    'refuses %j',
    (text) => {
      expect(parseLocaleNumber(text, 'en-US')).toBeNull();
    },
  );
});
