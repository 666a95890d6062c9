/**
 * Exact money arithmetic. Amounts travel as decimal numbers in major units (JSON); inside the
 * engine they are integers in the currency's minor units, and rates are exact decimals
 * (`units / 10^scale`). Products are computed with integers (BigInt past 2^53) and rounded
 * once, half away from zero, so no binary floating-point error accumulates.
 */

/** An exact decimal: `units / 10^scale`. */
export interface Decimal {
  units: number;
  scale: number;
}

/**
 * ISO 4217 minor units where the ICU data behind `Intl` (Node 20, Chromium) says otherwise:
 * ICU reports the cash digits (0) for these. A statement follows ISO 4217.
 */
const ISO_4217_MINOR_UNITS: Readonly<Record<string, number>> = {
  AFN: 2,
  ALL: 2,
  COP: 2,
  HUF: 2,
  IDR: 2,
  IQD: 3,
  IRR: 2,
  KPW: 2,
  LAK: 2,
  LBP: 2,
  MGA: 2,
  MMK: 2,
  PKR: 2,
  SLL: 2,
  SOS: 2,
  SYP: 2,
  YER: 2,
};

const digitsCache = new Map<string, number | null>();

/** Minor-unit digits of an ISO 4217 currency (2 for USD, 0 for JPY); null when unknown. */
export function currencyDigits(code: string): number | null {
  const cached = digitsCache.get(code);
  if (cached !== undefined) return cached;
  let digits: number | null = null;
  if (/^[A-Z]{3}$/.test(code)) {
    try {
      digits =
        ISO_4217_MINOR_UNITS[code] ??
        new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
          .maximumFractionDigits ??
        2;
    } catch {
      digits = null;
    }
  }
  digitsCache.set(code, digits);
  return digits;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export function pow10(n: number): number {
  const p = POW10[n];
  if (p === undefined) throw new RangeError(`10^${n} is out of range`);
  return p;
}

/** The exact decimal a JavaScript number was written as (its shortest round-trip form). */
export function decimalOf(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  if (Number.isInteger(value) && Number.isSafeInteger(value)) return { units: value, scale: 0 };
  const text = Math.abs(value).toString();
  const [mantissa = '0', exponentText] = text.split('e');
  const exponent = exponentText ? Number(exponentText) : 0;
  const [intPart = '0', fracPart = ''] = mantissa.split('.');
  let digits = (intPart + fracPart).replace(/^0+(?=\d)/, '');
  let scale = fracPart.length - exponent;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  let units = Number(digits);
  // Keep units exact: drop digits beyond what a double holds (more than 15 significant).
  while (!Number.isSafeInteger(units) && scale > 0) {
    units = roundHalfAwayFromZero(units / 10);
    scale -= 1;
  }
  while (scale > 0 && units % 10 === 0) {
    units /= 10;
    scale -= 1;
  }
  return { units: value < 0 ? -units : units, scale };
}

export function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** `value` (major units) in integer minor units, half away from zero. */
export function toMinor(value: number, digits: number): number {
  const scaled = value * pow10(digits);
  const abs = Math.abs(scaled);
  // The product carries a few ulps of binary error: only a value that far from a half is
  // rounded directly; one closer is decided on the decimal the number was written as.
  const tolerance = Math.max(1e-9, abs * 1e-14);
  if (Math.abs(abs - Math.trunc(abs) - 0.5) > tolerance || !Number.isSafeInteger(Math.trunc(abs))) {
    const rounded = roundHalfAwayFromZero(scaled);
    return rounded === 0 ? 0 : rounded;
  }
  const d = decimalOf(value);
  return d.scale <= digits
    ? d.units * pow10(digits - d.scale)
    : divRound(d.units, pow10(d.scale - digits));
}

export function fromMinor(minor: number, digits: number): number {
  return minor / pow10(digits);
}

/** round(n / d), half away from zero, for integers with d > 0. Exact for safe integers. */
export function divRound(n: number, d: number): number {
  let q = Math.trunc(n / d);
  let r = n - q * d;
  if (n >= 0 ? r < 0 : r > 0) {
    q += n >= 0 ? -1 : 1;
    r = n - q * d;
  }
  if (2 * Math.abs(r) >= d) q += n >= 0 ? 1 : -1;
  return q === 0 ? 0 : q;
}

/** round(n / d), half away from zero, for BigInts with d > 0: every exact path ends here. */
export function bigDivRound(n: bigint, d: bigint): number {
  let q = n / d;
  const r = n - q * d;
  if ((r < 0n ? -r : r) * 2n >= d) q += n >= 0n ? 1n : -1n;
  return Number(q);
}

/** round(a × b / d), half away from zero, exact for any safe integers (d > 0). */
export function mulDivRound(a: number, b: number, d: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return divRound(product, d);
  return bigDivRound(BigInt(a) * BigInt(b), BigInt(d));
}

/** round(minor × rate), half away from zero. */
export function applyRate(minor: number, rate: Decimal): number {
  return mulDivRound(minor, rate.units, pow10(rate.scale));
}

/** The exact decimal as text without exponent: (1234, 2) → "12.34". */
export function decimalToString(units: number, scale: number): string {
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  const intPart = digits.slice(0, digits.length - scale);
  const fracPart = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return (negative ? '-' : '') + intPart + (fracPart ? `.${fracPart}` : '');
}

/** Minor units as a plain amount with grouping: (1234500, 2) → "12,345.00". */
export function formatMinor(minor: number, digits: number): string {
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const factor = pow10(digits);
  const whole = Math.floor(abs / factor);
  let text = '';
  let rest = whole;
  while (rest >= 1000) {
    const group = rest % 1000;
    text = `,${group < 10 ? '00' : group < 100 ? '0' : ''}${group}${text}`;
    rest = Math.floor(rest / 1000);
  }
  text = `${rest}${text}`;
  if (digits > 0) {
    const frac = String(abs - whole * factor);
    text += `.${frac.length < digits ? '0'.repeat(digits - frac.length) + frac : frac}`;
  }
  return negative ? `-${text}` : text;
}

/** A rate as a percentage: 0.08 → "8%", 0.125 → "12.5%", 1.5 → "150%". */
export function formatRatePercent(rate: Decimal): string {
  const text =
    rate.scale >= 2
      ? decimalToString(rate.units, rate.scale - 2)
      : String(rate.units * pow10(2 - rate.scale));
  return `${text}%`;
}
