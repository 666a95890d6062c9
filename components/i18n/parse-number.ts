/**
 * Reads a number typed in the user's locale: "12,500.50" (en), "12.500,50" (id), also
 * without grouping ("12500.5"), with spaces or a currency sign or code around it. A lone separator
 * of the other kind followed by other than three digits ("12.5" in Indonesian) is read as the
 * decimal point people meant. Returns null for anything that is not one non-negative number,
 * so a half-typed value never becomes a figure.
 */
export function parseLocaleNumber(text: string, locale: string): number | null {
  const decimal =
    new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ??
    '.';
  const other = decimal === ',' ? '.' : ',';
  // A currency sign or code around the number is fine ("$125,000", "Rp 1.000", "125 EUR").
  const currency = /^(?:\p{Sc}|[A-Z]{3}|Rp|US\$)+|(?:\p{Sc}|[A-Z]{3}|Rp)+$/gu;
  const s = text.replace(/[\s\u00a0\u202f'’]/g, '').replace(currency, '');
  if (s === '' || /[^\d.,]/.test(s)) return null;

  const decimalAt = s.indexOf(decimal);
  if (decimalAt >= 0) {
    if (s.lastIndexOf(decimal) !== decimalAt) return null;
    const whole = ungroup(s.slice(0, decimalAt), other);
    const fraction = s.slice(decimalAt + 1);
    if (whole === null || /\D/.test(fraction)) return null;
    return toNumber(whole, fraction);
  }
  const firstOther = s.indexOf(other);
  if (firstOther >= 0 && firstOther === s.lastIndexOf(other) && s.length - firstOther - 1 !== 3) {
    return toNumber(s.slice(0, firstOther), s.slice(firstOther + 1));
  }
  const whole = ungroup(s, other);
  return whole === null ? null : toNumber(whole, '');
}

/** Digits with `group` separators between groups of three; null when grouped wrongly. */
function ungroup(text: string, group: string): string | null {
  if (!text.includes(group)) return /^\d*$/.test(text) ? text : null;
  const groups = text.split(group);
  const [head, ...rest] = groups;
  if (!head || !/^\d{1,3}$/.test(head) || rest.some((g) => !/^\d{3}$/.test(g))) return null;
  return groups.join('');
}

function toNumber(whole: string, fraction: string): number | null {
  if (whole === '' && fraction === '') return null;
  if (/\D/.test(whole) || /\D/.test(fraction)) return null;
  const n = Number(`${whole || '0'}.${fraction || '0'}`);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
