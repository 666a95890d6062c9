import { currencyDigits, entityNameSchema, isIsoDate, timestampSchema } from '../domain';

/**
 * Exact fast checks for what a first sync brings by the ten thousand: the pull answer's
 * envelope (`pullResponseSchema`), deals and notes (`dealSchema`, `annotationSchema`).
 *
 * Each returns true only for a value its zod schema accepts AND returns unchanged (same keys,
 * same values: no default filled in, nothing stripped), so the value itself may be stored as
 * the schema's output. Values are what `JSON.parse` makes (the only kind a pull carries):
 * plain objects of data properties. For anything else (invalid, or merely unusual: a key left to its
 * default, an object that is not plain, a `__proto__` key) it returns false and the caller
 * parses with zod, which decides and explains. A false negative costs time; a false positive
 * would let bad server data into IndexedDB, so every test here is the schema's own test,
 * written out (test/sync/exact-checks.test.ts checks them against zod with generated values).
 *
 * Why: parsing a deal with zod took 25–60 µs on the benchmark machine (zod cannot compile its
 * parsers in an extension, whose CSP forbids `new Function`), 1.5–3 s of a 55,000-record
 * first sync; these checks take ~2 µs.
 */

/** dealSchema's keys: required ones, then optional ones. */
export const DEAL_REQUIRED_KEYS = [
  'id',
  'name',
  'amount',
  'currency',
  'stage',
  'isClosed',
  'isWon',
  'closeDate',
  'createdDate',
  'ownerId',
] as const;
export const DEAL_OPTIONAL_KEYS = [
  'splits',
  'probability',
  'reversedOn',
  'stageEnteredDate',
  'lastActivityDate',
  'nextStep',
  'contactCount',
  'closeDatePushCount',
  'accountName',
  'crmId',
  'fields',
] as const;

/** annotationSchema's keys; `visibility` and `resolved` have defaults, required here. */
export const ANNOTATION_REQUIRED_KEYS = [
  'id',
  'dealId',
  'authorId',
  'body',
  'visibility',
  'resolved',
  'createdAt',
  'updatedAt',
  'version',
] as const;
export const ANNOTATION_OPTIONAL_KEYS = ['parentId', 'conflictOf', 'authorName'] as const;

const DEAL_KEYS: ReadonlySet<string> = new Set([...DEAL_REQUIRED_KEYS, ...DEAL_OPTIONAL_KEYS]);
const ANNOTATION_KEYS: ReadonlySet<string> = new Set([
  ...ANNOTATION_REQUIRED_KEYS,
  ...ANNOTATION_OPTIONAL_KEYS,
]);

type Plain = Record<string, unknown>;

/** An object as JSON.parse makes one: not an array, prototype Object's or none. */
function isPlainObject(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A plain object whose own keys are all in `known`. */
function isPlainWithKeys(value: unknown, known: ReadonlySet<string>): value is Plain {
  if (!isPlainObject(value)) return false;
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string' || !known.has(key)) return false;
    if (!Object.prototype.propertyIsEnumerable.call(value, key)) return false;
  }
  return true;
}

/** `z.string().max(max)` (and `.min(min)`). */
function isString(value: unknown, max: number, min = 0): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** `idSchema`: `z.string().min(1).max(200)`. */
function isId(value: unknown): value is string {
  return isString(value, 200, 1);
}

/** `z.number()` (zod 4 rejects NaN and ±Infinity) with `.finite()`. */
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `z.number().int()`: zod 4 accepts safe integers only. */
function isInt(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** An optional key: absent, or valid. A key present with `undefined` is left to zod. */
function optional(o: Plain, key: string, check: (v: unknown) => boolean): boolean {
  return !Object.prototype.hasOwnProperty.call(o, key) || check(o[key]);
}

/** `splitSchema` for each element, then dealSchema's refinement of the list. */
function isSplits(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  const seen = new Set<string>();
  let total = 0;
  for (let i = 0; i < value.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i)) return false;
    const s: unknown = value[i];
    if (!isPlainWithKeys(s, SPLIT_KEYS)) return false;
    const { repId, percent } = s;
    if (!isId(repId) || !isNumber(percent) || !(percent > 0) || !(percent <= 100)) return false;
    if (!(Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-6)) return false;
    if (seen.has(repId)) return false;
    seen.add(repId);
    total += Math.round(percent * 100);
  }
  return value.length === 0 || total === 10_000;
}
const SPLIT_KEYS: ReadonlySet<string> = new Set(['repId', 'percent']);

/** `z.record(z.string(), string | number | boolean | null)`, with no `__proto__` key. */
function isFields(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key of Reflect.ownKeys(value)) {
    // zod drops a `__proto__` key: its output would differ from the value.
    if (typeof key !== 'string' || key === '__proto__') return false;
    if (!Object.prototype.propertyIsEnumerable.call(value, key)) return false;
    const v: unknown = value[key];
    if (!(
      v === null ||
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      (typeof v === 'number' && Number.isFinite(v))
    ))
      return false;
  }
  return true;
}

const isCurrency = (v: unknown) => typeof v === 'string' && currencyDigits(v) !== null;

/** True only when `dealSchema` accepts `value` and returns it unchanged. */
export function isExactDeal(value: unknown): boolean {
  if (!isPlainWithKeys(value, DEAL_KEYS)) return false;
  const d = value;
  for (const key of DEAL_REQUIRED_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(d, key)) return false;
  }
  if (
    !isId(d.id) ||
    !isString(d.name, 500) ||
    !isNumber(d.amount) ||
    !(d.amount >= 0) ||
    !isCurrency(d.currency) ||
    !isString(d.stage, 200) ||
    typeof d.isClosed !== 'boolean' ||
    typeof d.isWon !== 'boolean' ||
    !isIsoDate(d.closeDate) ||
    !isIsoDate(d.createdDate) ||
    !isId(d.ownerId)
  )
    return false;
  if (
    !optional(d, 'splits', isSplits) ||
    !optional(d, 'probability', (v) => isNumber(v) && v >= 0 && v <= 100) ||
    !optional(d, 'reversedOn', isIsoDate) ||
    !optional(d, 'stageEnteredDate', isIsoDate) ||
    !optional(d, 'lastActivityDate', isIsoDate) ||
    !optional(d, 'nextStep', (v) => isString(v, 1000)) ||
    !optional(d, 'contactCount', (v) => isInt(v, 0)) ||
    !optional(d, 'closeDatePushCount', (v) => isInt(v, 0)) ||
    !optional(d, 'accountName', (v) => isString(v, 500)) ||
    !optional(d, 'crmId', (v) => isString(v, 200)) ||
    !optional(d, 'fields', isFields)
  )
    return false;
  // dealSchema's refinements.
  if (d.isWon && !d.isClosed) return false;
  if (d.reversedOn !== undefined && (d.reversedOn as string) < (d.closeDate as string))
    return false;
  return true;
}

/** Timestamps seen valid (a page's notes share a handful): `timestampSchema` is a regex. */
const validTimestamps = new Set<string>();

function isTimestamp(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (validTimestamps.has(value)) return true;
  if (!timestampSchema.safeParse(value).success) return false;
  if (validTimestamps.size >= 10_000) validTimestamps.clear();
  validTimestamps.add(value);
  return true;
}

/** True only when `annotationSchema` accepts `value` and returns it unchanged. */
export function isExactAnnotation(value: unknown): boolean {
  if (!isPlainWithKeys(value, ANNOTATION_KEYS)) return false;
  const a = value;
  for (const key of ANNOTATION_REQUIRED_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(a, key)) return false;
  }
  return (
    isId(a.id) &&
    isId(a.dealId) &&
    isId(a.authorId) &&
    isString(a.body, 10_000, 1) &&
    (a.visibility === 'shared' || a.visibility === 'managers') &&
    typeof a.resolved === 'boolean' &&
    isTimestamp(a.createdAt) &&
    isTimestamp(a.updatedAt) &&
    isInt(a.version, 1) &&
    optional(a, 'parentId', isId) &&
    optional(a, 'conflictOf', isId) &&
    optional(a, 'authorName', (v) => isString(v, 200))
  );
}

const ENTITY_NAMES: ReadonlySet<unknown> = new Set(entityNameSchema.options);
const CHANGE_KEYS: ReadonlySet<string> = new Set(['entity', 'op', 'id', 'value', 'version']);
const REJECTION_KEYS: ReadonlySet<string> = new Set(['seq', 'name', 'code', 'message']);
const PULL_KEYS: ReadonlySet<string> = new Set([
  'cursor',
  'lastMutationSeq',
  'changes',
  'hasMore',
  'reset',
  'rejections',
]);

function isArrayOf(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i) || !check(value[i])) return false;
  }
  return true;
}

/** `changeSchema` (its `value` is checked later, with the entity's schema). */
function isChange(value: unknown): boolean {
  if (!isPlainWithKeys(value, CHANGE_KEYS)) return false;
  return (
    ENTITY_NAMES.has(value.entity) &&
    (value.op === 'put' || value.op === 'del') &&
    typeof value.id === 'string' &&
    Object.prototype.hasOwnProperty.call(value, 'value') &&
    value.value !== undefined &&
    isInt(value.version, Number.MIN_SAFE_INTEGER)
  );
}

/** `rejectionSchema`. */
function isRejection(value: unknown): boolean {
  if (!isPlainWithKeys(value, REJECTION_KEYS)) return false;
  return (
    isInt(value.seq, Number.MIN_SAFE_INTEGER) &&
    typeof value.name === 'string' &&
    typeof value.code === 'string' &&
    typeof value.message === 'string'
  );
}

/**
 * True only when `pullResponseSchema` accepts `value` and returns it unchanged (`rejections`
 * present: the schema defaults it). Each change's `value` is not looked into here.
 */
export function isExactPullResponse(value: unknown): boolean {
  if (!isPlainWithKeys(value, PULL_KEYS)) return false;
  const p = value;
  return (
    isInt(p.cursor, 0) &&
    isInt(p.lastMutationSeq, 0) &&
    typeof p.hasMore === 'boolean' &&
    optional(p, 'reset', (v) => typeof v === 'boolean') &&
    Object.prototype.hasOwnProperty.call(p, 'rejections') &&
    isArrayOf(p.rejections, isRejection) &&
    Object.prototype.hasOwnProperty.call(p, 'changes') &&
    isArrayOf(p.changes, isChange)
  );
}
