import { beforeEach, describe, expect, it } from 'vitest';
import {
  AnnotationRepository,
  DealRepository,
  EnpsRepository,
  LocalWriteError,
  MutationService,
  OutboxRepository,
  PromptRepository,
  PromptStateRepository,
  QueryCacheRepository,
  RejectionRepository,
  readStatementInputs,
  statementInputOn,
  type AttainDatabase,
} from '../../lib/db';
import type { Deal, Survey } from '../../lib/domain';
import { manager, openTestDb, rep, signInLocally, steppingClock } from './helpers';

let db: AttainDatabase;
let ids: number;
const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

beforeEach(async () => {
  db = openTestDb();
  ids = 0;
  await signInLocally(db, manager);
});

function notes(options = {}) {
  return new AnnotationRepository(db, { now: steppingClock(), newId, ...options });
}

async function serverNote(id: string, fields: Partial<Record<string, unknown>> = {}) {
  const value = {
    id,
    dealId: 'd-1',
    authorId: manager.id,
    body: 'from the server',
    visibility: 'shared' as const,
    resolved: false,
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    version: 3,
    ...fields,
  };
  await db.annotations.put({
    id,
    dealId: value.dealId,
    value: value as never,
    server: { value: value as never, version: value.version },
    gen: 1,
  });
}

describe('AnnotationRepository', () => {
  it('writes a new note and its outbox row together; the note shows as pending', async () => {
    const repo = notes();
    const { seq, entityId } = await repo.createNote({ dealId: 'd-1', body: '  Call the CFO  ' });
    expect(seq).toBe(1);
    const outbox = await new OutboxRepository(db).all();
    expect(outbox).toEqual([
      expect.objectContaining({
        seq: 1,
        name: 'annotation.create',
        args: { id: entityId, dealId: 'd-1', body: 'Call the CFO', visibility: 'shared' },
        entity: 'annotation',
        entityId,
      }),
    ]);
    const [thread] = await repo.threadsForDeal('d-1');
    expect(thread?.note).toMatchObject({
      id: entityId,
      body: 'Call the CFO',
      authorId: manager.id,
      authorName: manager.name,
      version: 1,
      pending: true,
    });
    const row = await db.annotations.get(entityId);
    expect(row?.server).toBeNull();
  });

  it('refuses bad input before writing anything', async () => {
    const repo = notes();
    await expect(repo.createNote({ dealId: 'd-1', body: '   ' })).rejects.toMatchObject({
      name: 'LocalWriteError',
      code: 'invalid',
      message: expect.stringContaining('body must not be empty'),
    });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.annotations.count()).toBe(0);
  });

  it('refuses to write when nobody is signed in', async () => {
    await db.meta.delete('account');
    await expect(notes().createNote({ dealId: 'd-1', body: 'x' })).rejects.toMatchObject({
      code: 'signed_out',
    });
    expect(await db.outbox.count()).toBe(0);
  });

  it('puts a reply to a reply in the thread of the first note, with its visibility', async () => {
    await serverNote('n-root', { visibility: 'managers' });
    await serverNote('n-reply', { parentId: 'n-root', visibility: 'managers' });
    const repo = notes();
    const { entityId } = await repo.reply({ parentId: 'n-reply', body: 'Agreed' });
    const [thread] = await repo.threadsForDeal('d-1');
    expect(thread?.note.id).toBe('n-root');
    expect(thread?.replies.map((r) => [r.id, r.parentId, r.visibility, r.pending])).toEqual([
      ['n-reply', 'n-root', 'managers', false],
      [entityId, 'n-root', 'managers', true],
    ]);
    await expect(repo.reply({ parentId: 'nope', body: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('edits with the version the user saw and bumps it locally like the server will', async () => {
    await serverNote('n-1');
    const repo = notes();
    await repo.edit({ id: 'n-1', body: 'first edit' });
    await repo.edit({ id: 'n-1', body: 'second edit' });
    const outbox = await new OutboxRepository(db).all();
    expect(outbox.map((o) => o.args)).toEqual([
      { id: 'n-1', body: 'first edit', baseVersion: 3 },
      { id: 'n-1', body: 'second edit', baseVersion: 4 },
    ]);
    const row = await db.annotations.get('n-1');
    expect(row?.value).toMatchObject({ body: 'second edit', version: 5 });
    expect(row?.server?.value.body).toBe('from the server');
    await expect(repo.edit({ id: 'n-1', body: 'second edit' })).rejects.toMatchObject({
      code: 'unchanged',
    });
  });

  it('lets only the author edit or delete', async () => {
    await serverNote('n-1', { authorId: 'someone-else' });
    const repo = notes();
    await expect(repo.edit({ id: 'n-1', body: 'mine now' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(repo.delete({ id: 'n-1' })).rejects.toMatchObject({ code: 'forbidden' });
    // Anyone who reads a note may resolve its thread.
    await repo.resolve({ id: 'n-1', resolved: true });
    expect((await repo.get('n-1'))?.resolved).toBe(true);
  });

  it('hides a deleted thread with its replies until the server confirms', async () => {
    await serverNote('n-root');
    await serverNote('n-reply', { parentId: 'n-root', authorId: 'u-rep' });
    const repo = notes();
    await repo.delete({ id: 'n-root' });
    expect(await repo.threadsForDeal('d-1')).toEqual([]);
    const row = await db.annotations.get('n-root');
    expect(row?.value).toBeNull();
    expect(row?.server?.value.id).toBe('n-root');
  });
});

describe('prompts and eNPS', () => {
  it('dismisses and snoozes prompts as the signed-in user', async () => {
    const states = new PromptStateRepository(db, { now: steppingClock() });
    await states.dismiss('rule:pace-behind:u-rep');
    expect(await states.get('rule:pace-behind:u-rep')).toMatchObject({
      userId: manager.id,
      status: 'dismissed',
    });
    await states.snooze('rule:pace-behind:u-rep', '2026-03-09T09:00:00.000Z');
    expect(await states.get('rule:pace-behind:u-rep')).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2026-03-09T09:00:00.000Z',
    });
    await expect(states.snooze('p', '2020-01-01T00:00:00.000Z')).rejects.toMatchObject({
      code: 'invalid',
    });
    expect((await states.all()).size).toBe(1);
  });

  it('lets managers write prompts for their reps, not reps', async () => {
    const prompts = new PromptRepository(db, { now: steppingClock(), newId });
    await prompts.create({ repId: rep.id, severity: 'warn', title: 'Update next steps' });
    expect(await prompts.forRep(rep.id)).toEqual([
      expect.objectContaining({ ruleId: 'manager', authorId: manager.id, pending: true }),
    ]);
    await signInLocally(db, rep);
    await expect(
      prompts.create({ repId: rep.id, severity: 'info', title: 'Self-coaching' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('records an answer once per period and stops asking', async () => {
    const survey: Survey = {
      id: 's-1',
      name: 'Pulse',
      companyName: 'Acme',
      cadence: 'month',
      startsOn: '2026-01-01',
      audience: {},
      questions: [],
      minGroupSize: 5,
      minCommentGroupSize: 10,
      active: true,
    };
    await db.surveys.put({ id: 's-1', version: 1, value: survey, gen: 1 });
    const now = () => new Date('2026-03-02T09:00:00.000Z');
    const enps = new EnpsRepository(db, { now, newId: () => crypto.randomUUID() });
    expect(await enps.due(rep)).toEqual([{ survey, periodStart: '2026-03-01' }]);
    const { responseId } = await enps.respond({
      surveyId: 's-1',
      periodStart: '2026-03-01',
      score: 9,
      comment: '',
    });
    const [row] = await db.outbox.toArray();
    expect(row?.args).toEqual({
      id: responseId,
      surveyId: 's-1',
      periodStart: '2026-03-01',
      score: 9,
    });
    expect(await enps.status('s-1')).toEqual({
      id: 's-1',
      surveyId: 's-1',
      answeredPeriods: ['2026-03-01'],
    });
    expect(await enps.due(rep)).toEqual([]);
    await expect(
      enps.respond({ surveyId: 's-1', periodStart: '2026-03-01', score: 3 }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      enps.respond({ surveyId: 's-1', periodStart: '2026-03-01', score: 11 }),
    ).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('score') });
  });
});

describe('outbox bookkeeping', () => {
  it('never hands out a seq twice, even once the outbox is empty', async () => {
    const repo = notes();
    await repo.createNote({ dealId: 'd-1', body: 'a' });
    await repo.createNote({ dealId: 'd-1', body: 'b' });
    await db.outbox.clear();
    await db.meta.put({
      key: 'sync',
      cursor: 0,
      lastMutationSeq: 2,
      schemaVersion: 1,
      resetGen: 0,
      resetting: false,
    });
    expect((await repo.createNote({ dealId: 'd-1', body: 'c' })).seq).toBe(3);
    await db.meta.delete('seq');
    expect((await repo.createNote({ dealId: 'd-1', body: 'd' })).seq).toBe(4);
  });

  it('batches by rows and by bytes, always at least one row', async () => {
    const repo = notes();
    for (let i = 0; i < 5; i++) await repo.createNote({ dealId: 'd-1', body: 'x'.repeat(1000) });
    const outbox = new OutboxRepository(db);
    expect((await outbox.nextBatch(3, 1_000_000)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect((await outbox.nextBatch(100, 2_500)).map((r) => r.seq)).toEqual([1, 2]);
    expect((await outbox.nextBatch(100, 10)).map((r) => r.seq)).toEqual([1]);
    expect((await outbox.nextBatch(100, 1_000_000, 3)).map((r) => r.seq)).toEqual([4, 5]);
  });

  it('keeps rejections until the user dismisses them', async () => {
    const rejections = new RejectionRepository(db);
    const base = {
      name: 'annotation.create' as const,
      args: {},
      entity: 'annotation' as const,
      entityId: 'n',
      code: 'forbidden',
      message: 'no',
      createdAt: '2026-03-01T00:00:00.000Z',
      rejectedAt: '2026-03-01T00:00:01.000Z',
    };
    await db.rejections.add({ ...base, seq: 4 });
    await db.rejections.add({ ...base, seq: 4 }); // the same seq again after a renumbering
    const all = await rejections.all();
    expect(all).toHaveLength(2);
    await rejections.dismissById(all[0]!.id!);
    expect(await rejections.count()).toBe(1);
    await db.rejections.add({ ...base, seq: 5 });
    await rejections.dismiss(5);
    expect((await rejections.all()).map((r) => r.seq)).toEqual([4]);
    await rejections.dismissAll();
    expect(await rejections.count()).toBe(0);
  });

  it('runs any mutation by name through its repository', async () => {
    await serverNote('n-1');
    const service = new MutationService(db, { now: steppingClock(), newId });
    await service.run('annotation.edit', { id: 'n-1', body: 'edited', baseVersion: 2 });
    await service.run('prompt.dismiss', { promptId: 'p-1' });
    await expect(service.run('annotation.delete', { id: '' })).rejects.toBeInstanceOf(
      LocalWriteError,
    );
    await expect(service.run('nope' as never, {})).rejects.toMatchObject({
      code: 'unknown_mutation',
    });
    expect((await db.outbox.toArray()).map((o) => [o.name, o.args])).toEqual([
      ['annotation.edit', { id: 'n-1', body: 'edited', baseVersion: 2 }],
      ['prompt.dismiss', { promptId: 'p-1' }],
    ]);
  });
});

describe('read-only data', () => {
  const deal = (id: string, fields: Partial<Deal> = {}): Deal => ({
    id,
    name: `Deal ${id}`,
    amount: 1000,
    currency: 'USD',
    stage: 'Closed Won',
    isClosed: true,
    isWon: true,
    closeDate: '2026-02-10',
    createdDate: '2026-01-10',
    ownerId: rep.id,
    ...fields,
  });

  async function putDeal(d: Deal) {
    await db.deals.put({
      id: d.id,
      version: 1,
      value: d,
      gen: 1,
      ownerId: d.ownerId,
      repIds: [...new Set([d.ownerId, ...(d.splits ?? []).map((s) => s.repId)])],
      ...(d.crmId ? { crmId: d.crmId } : {}),
    });
  }

  it('finds deals by CRM id (15 or 18 characters) and by every rep they credit', async () => {
    await putDeal(deal('d-1', { crmId: '006A000000abcdeAAA' }));
    await putDeal(
      deal('d-2', {
        ownerId: 'u-other',
        splits: [
          { repId: 'u-other', percent: 50 },
          { repId: rep.id, percent: 50 },
        ],
      }),
    );
    await putDeal(deal('d-3', { ownerId: 'u-other' }));
    const deals = new DealRepository(db);
    expect((await deals.getByCrmId('006A000000abcdeAAA'))?.id).toBe('d-1');
    expect((await deals.getByCrmId('006A000000abcde'))?.id).toBe('d-1');
    expect(await deals.getByCrmId('006A000000zzzzz')).toBeUndefined();
    expect((await deals.forRep(rep.id)).map((d) => d.id)).toEqual(['d-1', 'd-2']);
  });

  it('reads a rep’s statement inputs and picks the plan version in force', async () => {
    const plan = (effectiveFrom: string, rate: number) => ({
      id: 'p-1',
      name: 'AE',
      currency: 'USD',
      period: 'quarter' as const,
      fiscalYearStartMonth: 1,
      effectiveFrom,
      tiers: [{ upTo: null, rate }],
      tierMode: 'marginal' as const,
      spiffs: [],
    });
    await db.plans.bulkPut([
      { id: 'p-1@2025-01-01', planId: 'p-1', version: 1, value: plan('2025-01-01', 0.1), gen: 1 },
      { id: 'p-1@2026-01-01', planId: 'p-1', version: 1, value: plan('2026-01-01', 0.12), gen: 1 },
    ]);
    await db.planAssignments.put({
      id: `${rep.id}@2025-01-01`,
      repId: rep.id,
      version: 1,
      value: { repId: rep.id, planId: 'p-1', effectiveFrom: '2025-01-01' },
      gen: 1,
    });
    await db.quotas.put({
      id: `${rep.id}@2026-01-01`,
      repId: rep.id,
      version: 1,
      value: { repId: rep.id, periodStart: '2026-01-01', amount: 50_000 },
      gen: 1,
    });
    await putDeal(deal('d-1'));
    const inputs = await readStatementInputs(db, rep.id);
    expect(inputs.quotas).toHaveLength(1);
    expect(inputs.deals.map((d) => d.id)).toEqual(['d-1']);
    expect(statementInputOn(inputs, '2026-02-01')?.plan.tiers[0]?.rate).toBe(0.12);
    expect(statementInputOn(inputs, '2025-06-01')?.plan.tiers[0]?.rate).toBe(0.1);
    expect(statementInputOn(inputs, '2024-06-01')).toBeNull();
  });

  it('keeps cached server reads per user', async () => {
    const cache = new QueryCacheRepository(db);
    await cache.put({
      key: 'k',
      data: { a: 1 },
      fetchedAt: '2026-03-01T00:00:00.000Z',
      userId: 'u1',
    });
    expect((await cache.get('k', 'u1'))?.data).toEqual({ a: 1 });
    expect(await cache.get('k', 'u2')).toBeUndefined();
    expect(await cache.prune(1000, new Date('2026-03-02T00:00:00.000Z'))).toBe(1);
  });
});
