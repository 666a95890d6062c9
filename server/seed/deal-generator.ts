import { addDays, type Deal } from '../../lib/domain';
import type { Prng } from './prng';

const ACCOUNTS = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella Health',
  'Stark Logistics',
  'Wayne Foods',
  'Hooli',
  'Vandelay Imports',
  'Soylent Labs',
  'Tyrell Systems',
  'Cyberdyne Retail',
  'Wonka Industries',
  'Oscorp Energy',
  'Massive Dynamic',
  'Aperture Science',
  'Pied Piper',
  'Gringotts Finance',
  'Monarch Travel',
  'Nakatomi Trading',
  'Blue Sun Media',
  'Dunder Mifflin',
  'Sterling Cooper',
];
const PRODUCTS = ['platform', 'analytics', 'services'] as const;
const TYPES = ['new', 'expansion', 'renewal'] as const;
const OPEN_STAGES = [
  { stage: 'Prospecting', probability: 10 },
  { stage: 'Qualification', probability: 25 },
  { stage: 'Proposal', probability: 50 },
  { stage: 'Negotiation', probability: 75 },
] as const;
const NEXT_STEPS = [
  'Send proposal',
  'Demo with IT',
  'Pricing call',
  'Security review',
  'Sign-off meeting',
  'Follow up on legal',
];

export interface DealSpec {
  id: string;
  crmId: string;
  ownerId: string;
  /** Reps a split may go to (the owner's teammates). */
  teammates: readonly string[];
  /** Close dates fall in [from, to]. */
  from: string;
  to: string;
  today: string;
}

/** One plausible CRM deal: won, lost or open, with activity dates the coaching rules read. */
export function generateDeal(rng: Prng, spec: DealSpec): Deal {
  const closeDate = addDays(
    spec.from,
    rng.int(0, Math.max(0, daysBetweenInclusive(spec.from, spec.to) - 1)),
  );
  const createdDate = addDays(closeDate, -rng.int(14, 120));
  const past = closeDate <= spec.today;
  const closed = past ? rng.chance(0.88) : false;
  const won = closed && rng.chance(0.58);
  const currency = rng.chance(0.86) ? 'USD' : rng.chance(0.6) ? 'EUR' : 'GBP';
  const amount = rng.amount(4000, 160000, 500);
  const open = OPEN_STAGES[rng.int(0, OPEN_STAGES.length - 1)]!;
  const deal: Deal = {
    id: spec.id,
    crmId: spec.crmId,
    name: `${rng.pick(ACCOUNTS)} — ${rng.pick(['Platform', 'Analytics', 'Services', 'Expansion', 'Renewal'])} ${rng.int(1, 99)}`,
    amount,
    currency,
    stage: closed ? (won ? 'Closed Won' : 'Closed Lost') : open.stage,
    isClosed: closed,
    isWon: won,
    closeDate,
    createdDate,
    ownerId: spec.ownerId,
    probability: closed ? (won ? 100 : 0) : open.probability,
    accountName: rng.pick(ACCOUNTS),
    contactCount: rng.int(0, 6),
    closeDatePushCount: rng.chance(0.8) ? 0 : rng.int(1, 4),
    fields: { productLine: rng.pick(PRODUCTS), dealType: rng.pick(TYPES) },
  };
  if (closed) {
    deal.lastActivityDate = addDays(closeDate, -rng.int(0, 5));
    deal.stageEnteredDate = closeDate;
    if (won && rng.chance(0.03)) {
      const reversed = addDays(closeDate, rng.int(10, 80));
      if (reversed <= spec.today) deal.reversedOn = reversed;
    }
  } else {
    const activity = addDays(spec.today, -rng.int(0, 30));
    deal.lastActivityDate = activity < createdDate ? createdDate : activity;
    const entered = addDays(spec.today, -rng.int(0, 60));
    deal.stageEnteredDate = entered < createdDate ? createdDate : entered;
    if (rng.chance(0.8)) deal.nextStep = rng.pick(NEXT_STEPS);
  }
  if (spec.teammates.length > 0 && rng.chance(0.08)) {
    const other = rng.pick(spec.teammates.filter((t) => t !== spec.ownerId));
    if (other !== undefined) {
      const share = rng.pick([50, 60, 70]);
      deal.splits = [
        { repId: spec.ownerId, percent: share },
        { repId: other, percent: 100 - share },
      ];
    }
  }
  return deal;
}

function daysBetweenInclusive(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}
