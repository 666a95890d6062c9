import { describe, expect, it } from 'vitest';
import {
  COACHING_MESSAGE_IDS,
  evaluateCoaching,
  type CoachingMessage,
  type MessageArg,
} from '../../../lib/domain/coaching';
import { AS_OF, deal, dealFinding, everyFinding, kpis, messagesOf, repFinding } from './fixtures';

const findings = everyFinding();

describe('coaching messages (what a UI words in the reader’s language)', () => {
  it('come with every finding of every built-in rule, as ids the catalogs know', () => {
    const used = new Set<string>();
    for (const finding of findings) {
      expect(finding?.message).toBeDefined();
      for (const m of messagesOf(finding!.message!)) {
        expect(COACHING_MESSAGE_IDS).toContain(m.id);
        used.add(m.id);
      }
    }
    // Every id is produced by some finding: no catalog entry is dead.
    expect([...used].sort()).toEqual([...COACHING_MESSAGE_IDS].sort());
  });

  it('are pure data: no functions, no formatted figures', () => {
    for (const finding of findings) {
      const message = finding!.message!;
      expect(JSON.parse(JSON.stringify(message))).toEqual(message);
      for (const m of messagesOf(message)) {
        for (const a of Object.values(m.args)) {
          if (a.kind === 'text') expect(a.text).not.toMatch(/\d/);
        }
      }
    }
  });

  it('carry the numbers, dates and amounts unformatted', () => {
    const past = dealFinding('close-date-past', { closeDate: '2026-10-12' })!.message!;
    expect(past.title).toEqual({ id: 'close-date-past.title', args: { count: count(12) } });
    expect(past.detail).toEqual({
      id: 'close-date-past.detail',
      args: {
        deal: { kind: 'deal', name: 'Acme renewal' },
        closeDate: { kind: 'date', date: '2026-10-12' },
      },
    });
    const large = dealFinding('large-deal-few-contacts', {
      amount: 80_000,
      currency: 'USD',
      contactCount: 1,
    })!.message!;
    expect(large.detail.args.amount).toEqual({ kind: 'money', amount: 80_000, currency: 'USD' });
    const stuck = dealFinding('stuck-in-stage', { stageEnteredDate: '2026-09-24' })!.message!;
    expect(stuck.title.args).toEqual({
      stage: { kind: 'text', text: 'Negotiation' },
      count: count(30),
      since: { kind: 'date', date: '2026-09-24' },
    });
  });

  it('keep the rules’ cut and rounding, so a figure never reads as the threshold', () => {
    const coverage = repFinding('low-coverage', { coverage: 2.996 })!.message!;
    expect(coverage.title.args).toEqual({
      coverage: { kind: 'number', value: 2.99, maxDigits: 2 },
      target: { kind: 'number', value: 3, maxDigits: 2 },
    });
    const pace = repFinding('pace-behind', { pace: -0.1049 })!.message!;
    expect(pace.title.args.count).toEqual({ kind: 'number', value: 10.5, maxDigits: 1 });
  });

  it('name the next tier and its rate as phrases, or leave out what is unknown', () => {
    const known = repFinding('next-tier-within-reach', { gapToNextTier: 4_000 })!.message!;
    expect(known.title).toEqual({
      id: 'next-tier-within-reach.title',
      args: {
        gap: { kind: 'money', amount: 4_000, currency: 'USD' },
        tier: phrase('next-tier-within-reach.tier', { tier: count(2) }),
        rate: phrase('next-tier-within-reach.rate', { rate: { kind: 'percent', value: 0.12 } }),
      },
    });
    const unknown = repFinding('next-tier-within-reach', {
      gapToNextTier: 500,
      nextTier: null,
      nextTierRate: null,
    })!.message!;
    expect(unknown.title.args.tier).toEqual(phrase('next-tier-within-reach.nextTier', {}));
    expect(unknown.title.args.rate).toEqual({ kind: 'phrase', message: null });
    expect(unknown.detail.args.paidAt).toEqual({ kind: 'phrase', message: null });
    const edge = repFinding('next-tier-within-reach', { gapToNextTier: 0 })!.message!;
    expect(edge.title.id).toBe('next-tier-within-reach.edge.title');
  });

  it('trim and clip deal names, and leave an unnamed deal to the UI', () => {
    const long = dealFinding('no-next-step', {
      nextStep: undefined,
      name: `  ${'x'.repeat(300)} `,
    });
    const name = (long!.message!.detail.args.deal as Extract<MessageArg, { kind: 'deal' }>).name;
    expect(name).toHaveLength(120);
    expect(name.endsWith('…')).toBe(true);
    const unnamed = dealFinding('no-next-step', { nextStep: undefined, name: '   ' });
    expect(unnamed!.message!.detail.args.deal).toEqual({ kind: 'deal', name: '' });
  });

  it('ride along on the prompts evaluateCoaching returns; manager prompts have none', () => {
    const prompts = evaluateCoaching({
      repId: 'rep-1',
      asOf: AS_OF,
      deals: [deal({ nextStep: undefined })],
      kpis: kpis({ coverage: 1.5 }),
      managerPrompts: [
        {
          id: 'mp-1',
          ruleId: 'manager',
          severity: 'info',
          title: 'Call me',
          detail: '',
          repId: 'rep-1',
        },
      ],
    });
    const byRule = new Map(prompts.map((p) => [p.ruleId, p]));
    expect(byRule.get('no-next-step')?.message?.title.id).toBe('no-next-step.title');
    expect(byRule.get('low-coverage')?.message?.detail.id).toBe('low-coverage.detail');
    expect(byRule.get('manager')?.message).toBeUndefined();
    // The English words stay for the server and other readers.
    expect(byRule.get('no-next-step')?.title).toBe('No next step');
  });
});

function count(value: number): MessageArg {
  return { kind: 'count', value };
}

function phrase(id: string, args: Record<string, MessageArg>): MessageArg {
  return { kind: 'phrase', message: { id, args } as CoachingMessage };
}
