import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  annotationSchema,
  changeSchema,
  dealSchema,
  pullResponseSchema,
  rejectionSchema,
} from '../../lib/domain';
import { parseEntity } from '../../lib/sync';
import {
  ANNOTATION_OPTIONAL_KEYS,
  ANNOTATION_REQUIRED_KEYS,
  DEAL_OPTIONAL_KEYS,
  DEAL_REQUIRED_KEYS,
  isExactAnnotation,
  isExactDeal,
  isExactPullResponse,
} from '../../lib/sync/exact-checks';

/**
 * The fast checks must never accept what the zod schema refuses, nor a value the schema
 * would return changed: generated values, most of them broken in one or two places, are
 * checked both ways. On JSON values (what a pull carries) they are in fact equivalent to the
 * schemas, except where the fast check leaves a value to zod on purpose (defaults,
 * `__proto__`).
 */

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Keys of a zod object schema, split by whether `undefined` passes (optional or defaulted). */
function keysOf(schema: z.ZodObject): { required: string[]; optional: string[] } {
  const required: string[] = [];
  const optional: string[] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    ((field as z.ZodType).safeParse(undefined).success ? optional : required).push(key);
  }
  return { required: required.sort(), optional: optional.sort() };
}

/** Values that sit on or just past a schema's edges. */
const tricky = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -1,
  1,
  1.5,
  100,
  100.01,
  -0.01,
  2 ** 53,
  1e308,
  '',
  'x',
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(500),
  'x'.repeat(501),
  '2026-02-28',
  '2026-02-29',
  '2024-02-29',
  '2026-13-01',
  '2026-1-01',
  'USD',
  'usd',
  'EUR',
  'ZZZ',
  'XXX',
  '2026-03-01T08:00:00.000Z',
  '2026-03-01T08:00:00+01:00',
  '2026-03-01 08:00:00',
  '2026-03-01T08:00:00',
  'shared',
  'managers',
  'public',
  [],
  {},
  [1],
  { a: 1 },
);

/** Values on or just past each field's edges (any field may also get a `tricky` one). */
const EDGES: Record<string, readonly unknown[]> = {
  id: ['', 'x'.repeat(200), 'x'.repeat(201)],
  dealId: ['', 'x'.repeat(200), 'x'.repeat(201)],
  ownerId: ['', 'x'.repeat(200), 'x'.repeat(201)],
  authorId: ['', 'x'.repeat(200), 'x'.repeat(201)],
  parentId: ['', 'x'.repeat(200), 'x'.repeat(201)],
  conflictOf: ['', 'x'.repeat(200), 'x'.repeat(201)],
  name: ['', 'x'.repeat(500), 'x'.repeat(501), 7],
  stage: ['', 'x'.repeat(200), 'x'.repeat(201)],
  nextStep: ['', 'x'.repeat(1000), 'x'.repeat(1001)],
  accountName: ['', 'x'.repeat(500), 'x'.repeat(501)],
  crmId: ['', 'x'.repeat(200), 'x'.repeat(201)],
  authorName: ['', 'x'.repeat(200), 'x'.repeat(201)],
  body: ['', ' ', 'x'.repeat(10_000), 'x'.repeat(10_001)],
  amount: [0, -0.01, 1e308, '10'],
  probability: [0, 100, 100.01, -0.01, 101, 50.5],
  contactCount: [0, -1, 1.5, 2 ** 53, 2 ** 53 - 1],
  closeDatePushCount: [0, -1, 1.5, 2 ** 53],
  version: [0, 1, -1, 1.5, 2 ** 53, 2 ** 53 - 1],
  cursor: [0, -1, 1.5, 2 ** 53, 2 ** 53 - 1],
  lastMutationSeq: [0, -1, 1.5, 2 ** 53],
  seq: [0, -1, 1.5, 2 ** 53],
  splits: [
    [],
    [{ repId: 'rep-1', percent: 100 }],
    [{ repId: 'rep-1', percent: 100.01 }],
    [
      { repId: 'rep-1', percent: 50 },
      { repId: 'rep-1', percent: 50 },
    ],
    [
      { repId: 'rep-1', percent: 50 },
      { repId: 'rep-2', percent: 49.99 },
    ],
    [
      { repId: 'rep-1', percent: 33.333 },
      { repId: 'rep-2', percent: 66.667 },
    ],
    [
      { repId: 'rep-1', percent: 0 },
      { repId: 'rep-2', percent: 100 },
    ],
    [{ repId: '', percent: 100 }],
    [{ repId: 'rep-1', percent: 100, extra: 1 }],
    [null],
    {},
  ],
  fields: [{}, { a: null }, { a: [1] }, { a: { b: 1 } }, JSON.parse('{"__proto__": 1}')],
  reversedOn: ['2026-03-30', '2026-03-31', '2026-04-01'],
  closeDate: ['2026-03-31', '2026-02-29', '2026-3-31'],
  visibility: ['shared', 'managers', 'everyone', null],
  resolved: [true, false, 'false', null],
  createdAt: ['2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00+01:00', '2026-03-01T08:00:00', ''],
  currency: ['USD', 'JPY', 'usd', 'ZZZ', 'XXX', 'EURO'],
  entity: ['deal', 'me', 'dealx', ''],
  op: ['put', 'del', 'patch'],
  value: [null, 0, {}],
  hasMore: [true, 'true', 1],
  reset: [true, false, null],
  changes: [[], {}, [null]],
  rejections: [[], {}, [null]],
};

/** Removes, adds or replaces a key or two of `base` (mostly valid), or leaves it as it is. */
function mutated<T extends Record<string, unknown>>(
  base: fc.Arbitrary<T>,
  keys: readonly string[],
): fc.Arbitrary<Record<string, unknown>> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...keys) }),
    fc.record({
      kind: fc.constant('set' as const),
      key: fc.constantFrom(...keys, 'extra', '__proto__'),
      value: tricky,
    }),
    fc.constantFrom(...keys.filter((k) => EDGES[k])).chain((key) =>
      fc.record({
        kind: fc.constant('set' as const),
        key: fc.constant(key),
        value: fc.constantFrom(...EDGES[key]!),
      }),
    ),
  );
  return fc
    .tuple(base, fc.array(edit, { maxLength: 2 }), fc.nat(3))
    .map(([value, edits, clean]) => {
      const out: Record<string, unknown> = { ...value };
      if (clean === 0) return out;
      for (const e of edits) {
        if (e.kind === 'drop') delete out[e.key];
        else
          Object.defineProperty(out, e.key, {
            value: e.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return out;
    });
}

const date = fc
  .date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const id = fc.constantFrom('rep-1', 'rep-2', 'rep-3', 'd-1', 'n-1');

const splits = fc.oneof(
  fc.constant([]),
  fc.constantFrom(50, 60, 70, 12.5, 99.99).map((share) => [
    { repId: 'rep-1', percent: share },
    { repId: 'rep-2', percent: Math.round((100 - share) * 100) / 100 },
  ]),
  fc.constant([
    { repId: 'rep-1', percent: 33.33 },
    { repId: 'rep-2', percent: 33.33 },
    { repId: 'rep-3', percent: 33.34 },
  ]),
);

const fields = fc.dictionary(
  fc.string({ maxLength: 6 }),
  fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
  ),
  { maxKeys: 3 },
);

/** Valid deals (until `mutated` breaks them). */
const deal = fc
  .record(
    {
      id,
      name: fc.string({ maxLength: 8 }),
      amount: fc.oneof(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
      ),
      currency: fc.constantFrom('USD', 'EUR', 'JPY', 'BHD'),
      stage: fc.constantFrom('Prospecting', 'Closed Won', ''),
      won: fc.constantFrom('open', 'lost', 'won'),
      closeDate: date,
      createdDate: date,
      ownerId: id,
      splits,
      probability: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(12.5, 99.99)),
      reversedAfter: fc.nat(40),
      stageEnteredDate: date,
      lastActivityDate: date,
      nextStep: fc.string({ maxLength: 5 }),
      contactCount: fc.nat(20),
      closeDatePushCount: fc.nat(5),
      accountName: fc.string({ maxLength: 5 }),
      crmId: fc.string({ maxLength: 5 }),
      fields,
    },
    {
      requiredKeys: [
        'id',
        'name',
        'amount',
        'currency',
        'stage',
        'won',
        'closeDate',
        'createdDate',
        'ownerId',
      ],
    },
  )
  .map(({ won, reversedAfter, ...d }) => {
    const out: Record<string, unknown> = { ...d, isClosed: won !== 'open', isWon: won === 'won' };
    if (reversedAfter !== undefined) {
      const at = new Date(`${d.closeDate}T00:00:00Z`);
      at.setUTCDate(at.getUTCDate() + reversedAfter);
      out.reversedOn = at.toISOString().slice(0, 10);
    }
    return out;
  });

const timestamp = fc.oneof(
  fc
    .date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.constantFrom('2026-03-01T08:00:00+01:00', '2026-03-01T08:00:00.123456Z'),
);

/** Valid notes (until `mutated` breaks them). */
const annotation = fc
  .record(
    {
      id,
      dealId: id,
      parentId: id,
      conflictOf: id,
      authorId: id,
      authorName: fc.string({ maxLength: 5 }),
      body: fc.string({ minLength: 1, maxLength: 8 }),
      visibility: fc.constantFrom('shared', 'managers'),
      resolved: fc.boolean(),
      createdAt: timestamp,
      updatedAt: timestamp,
      version: fc.integer({ min: 1, max: 9 }),
    },
    { requiredKeys: [...ANNOTATION_REQUIRED_KEYS] },
  )
  .map((a) => a as Record<string, unknown>);

/** How many generated values the fast check accepted (the properties are not vacuous). */
const accepted = { yes: 0, all: 0 };

/** The fast check says yes only when zod says yes and returns the same value. */
function sound(check: (v: unknown) => boolean, schema: z.ZodType, value: unknown): void {
  accepted.all++;
  if (!check(value)) return;
  accepted.yes++;
  const parsed = schema.safeParse(value);
  expect(parsed.success, JSON.stringify(value)).toBe(true);
  expect(parsed.data).toEqual(value);
}

/** Runs `property` and checks that a fair share of its values passed the fast check. */
function assertSome(property: fc.IPropertyWithHooks<[Record<string, unknown>]>, runs: number) {
  accepted.yes = 0;
  accepted.all = 0;
  fc.assert(property, { numRuns: runs });
  expect(accepted.yes / accepted.all).toBeGreaterThan(0.25);
  expect(accepted.yes / accepted.all).toBeLessThan(0.9);
}

const hasProtoKey = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  (Object.prototype.hasOwnProperty.call(v, '__proto__') ||
    Object.values(v as Record<string, unknown>).some(hasProtoKey));

describe('exact fast checks', () => {
  it('know the same keys as the schemas', () => {
    expect(keysOf(dealSchema)).toEqual({
      required: [...DEAL_REQUIRED_KEYS].sort(),
      optional: [...DEAL_OPTIONAL_KEYS].sort(),
    });
    // visibility and resolved have defaults: the fast check wants them present.
    expect(keysOf(annotationSchema)).toEqual({
      required: ANNOTATION_REQUIRED_KEYS.filter(
        (k) => k !== 'visibility' && k !== 'resolved',
      ).sort(),
      optional: [...ANNOTATION_OPTIONAL_KEYS, 'visibility', 'resolved'].sort(),
    });
    expect(keysOf(changeSchema).required).toContain('version');
    expect(Object.keys(pullResponseSchema.shape).sort()).toEqual(
      ['changes', 'cursor', 'hasMore', 'lastMutationSeq', 'rejections', 'reset'].sort(),
    );
    expect(Object.keys(rejectionSchema.shape).sort()).toEqual(['code', 'message', 'name', 'seq']);
  });

  it('deals: yes exactly when dealSchema says yes (JSON values), and then unchanged', () => {
    assertSome(
      fc.property(mutated(deal, [...DEAL_REQUIRED_KEYS, ...DEAL_OPTIONAL_KEYS]), (raw) => {
        const value = json(raw);
        sound(isExactDeal, dealSchema, value);
        if (!hasProtoKey(value)) {
          expect(isExactDeal(value), JSON.stringify(value)).toBe(
            dealSchema.safeParse(value).success,
          );
        }
      }),
      4000,
    );
  });

  it('notes: yes exactly when annotationSchema says yes with nothing defaulted, and then unchanged', () => {
    assertSome(
      fc.property(
        mutated(annotation, [...ANNOTATION_REQUIRED_KEYS, ...ANNOTATION_OPTIONAL_KEYS]),
        (raw) => {
          const value = json(raw);
          sound(isExactAnnotation, annotationSchema, value);
          const defaulted = !('visibility' in value) || !('resolved' in value);
          if (!hasProtoKey(value) && !defaulted) {
            expect(isExactAnnotation(value), JSON.stringify(value)).toBe(
              annotationSchema.safeParse(value).success,
            );
          }
        },
      ),
      4000,
    );
  });

  it('pull answers: yes exactly when pullResponseSchema says yes with rejections present', () => {
    const change = mutated(
      fc.record({
        entity: fc.constantFrom('deal', 'annotation', 'me', 'settings'),
        op: fc.constantFrom('put', 'del'),
        id: fc.string({ maxLength: 3 }),
        value: fc.oneof(fc.constant(null), fc.constant({ any: 'thing' }), fc.integer()),
        version: fc.integer({ min: -3, max: 9 }),
      }),
      ['entity', 'op', 'id', 'value', 'version'],
    );
    const rejection = mutated(
      fc.record({
        seq: fc.integer({ min: -1, max: 9 }),
        name: fc.string({ maxLength: 3 }),
        code: fc.string({ maxLength: 3 }),
        message: fc.string({ maxLength: 3 }),
      }),
      ['seq', 'name', 'code', 'message'],
    );
    const answer = mutated(
      fc.record(
        {
          cursor: fc.oneof(fc.nat(10 ** 6), fc.constant(2 ** 52)),
          lastMutationSeq: fc.nat(9),
          changes: fc.array(change, { maxLength: 2 }),
          hasMore: fc.boolean(),
          reset: fc.boolean(),
          rejections: fc.array(rejection, { maxLength: 1 }),
        },
        { requiredKeys: ['cursor', 'lastMutationSeq', 'changes', 'hasMore', 'rejections'] },
      ),
      ['cursor', 'lastMutationSeq', 'changes', 'hasMore', 'reset', 'rejections'],
    );
    assertSome(
      fc.property(answer, (raw) => {
        const value = json(raw);
        sound(isExactPullResponse, pullResponseSchema, value);
        if (!hasProtoKey(value) && 'rejections' in value) {
          expect(isExactPullResponse(value), JSON.stringify(value)).toBe(
            pullResponseSchema.safeParse(value).success,
          );
        }
      }),
      3000,
    );
  });

  it('parseEntity gives what the schema gives, through either path', () => {
    const good = {
      id: 'd-1',
      name: 'Deal',
      amount: 10,
      currency: 'USD',
      stage: 'Open',
      isClosed: true,
      isWon: true,
      closeDate: '2026-04-01',
      createdDate: '2026-01-01',
      ownerId: 'u-rep',
    };
    expect(parseEntity('deal', good)).toEqual({ ok: true, value: good });
    expect(parseEntity('deal', { ...good, isClosed: false })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/isClosed/),
    });
    const note = {
      id: 'n-1',
      dealId: 'd-1',
      authorId: 'u-1',
      body: 'hello',
      createdAt: '2026-03-01T08:00:00.000Z',
      updatedAt: '2026-03-01T08:00:00.000Z',
      version: 1,
    };
    // Defaults left to zod: filled in.
    expect(parseEntity('annotation', note)).toEqual({
      ok: true,
      value: { ...note, visibility: 'shared', resolved: false },
    });
  });
});
