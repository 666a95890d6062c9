import { isIsoDate, type IsoDate } from '../dates';
import { decimalOf, pow10 } from '../money';
import type { FxRate } from '../schemas';

/** amount in `to` = amount in `from` × num ÷ den, exactly. */
export interface FxRatio {
  num: number;
  den: number;
  /** The rate as written, for explanations. */
  rate: number;
  date: IsoDate;
  inverted: boolean;
}

export type FxLookup =
  | { ok: true; ratio: FxRatio }
  | { ok: false; reason: 'missing' | 'conflicting' | 'invalid'; date?: IsoDate };

interface Entry {
  date: IsoDate;
  rate: number;
  conflicting: boolean;
  /** The rate is not a positive finite number: reported, never used. */
  invalid: boolean;
}

/** FX rates by pair, sorted by date, for "the latest rate dated on or before" look-ups. */
export class FxIndex {
  private readonly byPair = new Map<string, Entry[]>();

  constructor(rates: readonly FxRate[]) {
    for (const r of rates) {
      if (!r || typeof r.from !== 'string' || typeof r.to !== 'string' || !isIsoDate(r.date))
        continue;
      const invalid = typeof r.rate !== 'number' || !Number.isFinite(r.rate) || r.rate <= 0;
      const key = `${r.from}>${r.to}`;
      let list = this.byPair.get(key);
      if (!list) this.byPair.set(key, (list = []));
      const same = list.find((e) => e.date === r.date);
      if (same) {
        same.conflicting = same.conflicting || same.rate !== r.rate;
        same.invalid = same.invalid || invalid;
      } else list.push({ date: r.date, rate: r.rate, conflicting: false, invalid });
    }
    for (const list of this.byPair.values()) list.sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /** The rate to convert `from` into `to` for a deal closing on `date`. */
  lookup(from: string, to: string, date: IsoDate): FxLookup {
    const direct = latestOnOrBefore(this.byPair.get(`${from}>${to}`), date);
    const reverse = latestOnOrBefore(this.byPair.get(`${to}>${from}`), date);
    // The most recent of the two; on the same date the direct quote wins.
    const useReverse =
      reverse !== undefined && (direct === undefined || reverse.date > direct.date);
    const entry = useReverse ? reverse : direct;
    if (!entry) return { ok: false, reason: 'missing' };
    if (entry.invalid) return { ok: false, reason: 'invalid', date: entry.date };
    if (entry.conflicting) return { ok: false, reason: 'conflicting', date: entry.date };
    const d = decimalOf(entry.rate);
    const scale = pow10(d.scale);
    return {
      ok: true,
      ratio: useReverse
        ? { num: scale, den: d.units, rate: entry.rate, date: entry.date, inverted: true }
        : { num: d.units, den: scale, rate: entry.rate, date: entry.date, inverted: false },
    };
  }
}

function latestOnOrBefore(list: Entry[] | undefined, date: IsoDate): Entry | undefined {
  if (!list || list.length === 0) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  let found: Entry | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = list[mid]!;
    if (e.date <= date) {
      found = e;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const cache = new WeakMap<readonly FxRate[], FxIndex>();

export function fxIndexFor(rates: readonly FxRate[]): FxIndex {
  let index = cache.get(rates);
  if (!index) cache.set(rates, (index = new FxIndex(rates)));
  return index;
}
