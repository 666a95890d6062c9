import { describe, expect, it } from 'vitest';
import { parseCrmDate } from '../../lib/crm/parse-date';

describe('parseCrmDate', () => {
  it.each([
    ['12/31/2026', undefined, '2026-12-31'],
    ['12/31/2026', 'de-DE', '2026-12-31'],
    ['31/12/2026', undefined, '2026-12-31'],
    ['31/12/2026', 'en-US', '2026-12-31'],
    ['31.12.2026', undefined, '2026-12-31'],
    ['31-12-2026', undefined, '2026-12-31'],
    ['2026-12-31', undefined, '2026-12-31'],
    ['2026/12/31', 'ja-JP', '2026-12-31'],
    ['2026. 12. 31.', 'ko-KR', '2026-12-31'],
    ['2026-12-31T00:00:00Z', undefined, '2026-12-31'],
    ['Dec 31, 2026', undefined, '2026-12-31'],
    ['December 31, 2026', undefined, '2026-12-31'],
    ['31 Dec 2026', undefined, '2026-12-31'],
    ['31-Dec-2026', undefined, '2026-12-31'],
    ['Wed, Dec 31, 2026', undefined, '2026-12-31'],
    ['31. Dezember 2026', undefined, '2026-12-31'],
    ['3. März 2026', undefined, '2026-03-03'],
    ['1. Mai 2026', undefined, '2026-05-01'],
    ['31 Desember 2026', undefined, '2026-12-31'],
    ['17 Agustus 2026', undefined, '2026-08-17'],
    ['2 Mei 2026', undefined, '2026-05-02'],
    ['14 juillet 2026', undefined, '2026-07-14'],
    ['15 août 2026', undefined, '2026-08-15'],
    ['5 de junio de 2026', 'es-ES', null],
    ['5 giugno 2026', 'it-IT', '2026-06-05'],
    ['05/06/2026', 'en-US', '2026-05-06'],
    ['05/06/2026', 'en-GB', '2026-06-05'],
    ['05/06/2026', 'de-DE', '2026-06-05'],
    ['05/06/2026', 'id-ID', '2026-06-05'],
    ['05/06/2026', 'fr_FR', '2026-06-05'],
    ['05.05.2026', undefined, '2026-05-05'],
    ['12/31/26', 'en-US', '2026-12-31'],
    ['12/31/2026 3:00 PM', 'en-US', '2026-12-31'],
    ['31.12.2026 14:30', 'de-DE', '2026-12-31'],
    ['2/29/2028', 'en-US', '2028-02-29'],
  ])('%s (hint %s) → %s', (text, hint, date) => {
    const result = parseCrmDate(text, hint);
    if (date === null) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, date });
  });

  it.each(['', '  ', '-', '—'])('%j is an empty date', (text) => {
    expect(parseCrmDate(text)).toEqual({ ok: true, date: null });
  });

  it.each([
    ['05/06/2026', 'ambiguous'],
    ['2/29/2026', 'invalid'],
    ['31/31/2026', 'invalid'],
    ['13/13/2026', 'invalid'],
    ['2026-13-01', 'invalid'],
    ['2026-02-30', 'invalid'],
    ['Foo 31, 2026', 'invalid'],
    ['31 Dec', 'invalid'],
    ['tomorrow', 'invalid'],
    ['12/31/226', 'invalid'],
    ['12/31/1800', 'out-of-range'],
    ['<script>alert(1)</script>', 'invalid'],
  ] as const)('%j is an error (%s)', (text, error) => {
    expect(parseCrmDate(text)).toEqual({ ok: false, error });
  });

  it('never throws', () => {
    for (const input of [null, 3, {}, '////', '1/1', 'Dec Dec Dec']) {
      expect(() => parseCrmDate(input as unknown as string, 'not a locale!')).not.toThrow();
    }
  });
});
