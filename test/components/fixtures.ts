import type {
  Annotation,
  CoachingPrompt,
  Deal,
  EnpsStatus,
  FxRate,
  Plan,
  PromptState,
  Quota,
  Survey,
  User,
} from '../../lib/domain';
import { defaultSettings } from '../../lib/domain';
import type {
  EnpsResults,
  NoteThread,
  StatementInputs,
  SyncRejection,
  SyncStatus,
  TeamOverview,
} from '../../components/data-contract/types';
import { vi } from 'vitest';
import type { RecordContext, SidebarLayout } from '../../components/workbench/WorkbenchHost';

/** "Now" in every test: Friday 14 August 2026, mid Q3 (Jul–Sep). */
export const NOW = new Date('2026-08-14T10:30:00.000Z');
export const TODAY = '2026-08-14';

export const dana: User = {
  id: 'u-dana',
  email: 'dana.whitfield@example.com',
  name: 'Dana Whitfield',
  role: 'rep',
  teamIds: ['t-west'],
  managesTeamIds: [],
  active: true,
};

export const maria: User = {
  id: 'u-maria',
  email: 'maria.lopez@example.com',
  name: 'Maria Lopez',
  role: 'manager',
  teamIds: [],
  managesTeamIds: ['t-west', 't-east'],
  active: true,
};

/** Quarterly, marginal tiers 8% to 100%, 12% to 150%, 15% above; a SPIFF on large deals. */
export const plan: Plan = {
  id: 'p-ae-2026',
  name: 'Account Executive 2026',
  currency: 'USD',
  period: 'quarter',
  fiscalYearStartMonth: 1,
  effectiveFrom: '2026-01-01',
  tiers: [
    { upTo: 1, rate: 0.08 },
    { upTo: 1.5, rate: 0.12 },
    { upTo: null, rate: 0.15 },
  ],
  tierMode: 'marginal',
  caps: { perDeal: 30000 },
  spiffs: [
    {
      id: 's-large',
      name: 'Large deal bonus',
      when: [{ field: 'amount', op: 'gte', value: 50000 }],
      amount: 1000,
    },
  ],
};

export const quotas: Quota[] = ['2026-01-01', '2026-04-01', '2026-07-01'].map((periodStart) => ({
  repId: 'u-dana',
  periodStart,
  amount: 300000,
}));

function deal(partial: Partial<Deal> & Pick<Deal, 'id' | 'name' | 'amount' | 'closeDate'>): Deal {
  return {
    currency: 'USD',
    stage: 'Closed Won',
    isClosed: true,
    isWon: true,
    createdDate: '2026-04-01',
    ownerId: 'u-dana',
    ...partial,
  };
}

export const ACME_CRM_ID = '006A000000Acme01AAA';

/** The deal of the page in most tests: open, $80,000, closing in Q3. */
export const acme: Deal = deal({
  id: 'd-acme',
  name: 'Acme Q3 platform',
  amount: 80000,
  closeDate: '2026-09-25',
  stage: 'Negotiation',
  isClosed: false,
  isWon: false,
  probability: 60,
  createdDate: '2026-06-01',
  lastActivityDate: '2026-08-10',
  stageEnteredDate: '2026-07-28',
  nextStep: 'Send the MSA',
  contactCount: 3,
  crmId: ACME_CRM_ID,
  accountName: 'Acme Corp',
});

export const deals: Deal[] = [
  deal({
    id: 'd-globex',
    name: 'Globex renewal',
    amount: 120000,
    closeDate: '2026-07-10',
    createdDate: '2026-05-01',
  }),
  deal({
    id: 'd-initech',
    name: 'Initech expansion',
    amount: 90000,
    closeDate: '2026-08-02',
    createdDate: '2026-06-15',
  }),
  deal({
    id: 'd-umbrella',
    name: 'Umbrella pilot',
    amount: 40000,
    closeDate: '2026-07-20',
    stage: 'Closed Lost',
    isWon: false,
    createdDate: '2026-06-01',
  }),
  acme,
  deal({
    id: 'd-soylent',
    name: 'Soylent EU rollout',
    amount: 50000,
    currency: 'EUR',
    closeDate: '2026-09-15',
    stage: 'Proposal',
    isClosed: false,
    isWon: false,
    probability: 40,
    lastActivityDate: '2026-08-12',
    nextStep: 'Pricing call',
    contactCount: 2,
    crmId: '006A000000Soyl01AAA',
  }),
  deal({
    id: 'd-hooli',
    name: 'Hooli data deal',
    amount: 30000,
    closeDate: '2026-08-01',
    stage: 'Qualification',
    isClosed: false,
    isWon: false,
    probability: 50,
    lastActivityDate: '2026-08-11',
    contactCount: 2,
    nextStep: 'Follow up',
  }),
  deal({
    id: 'd-stark',
    name: 'Stark Industries',
    amount: 250000,
    closeDate: '2026-05-20',
    createdDate: '2026-02-01',
  }),
  deal({
    id: 'd-wayne',
    name: 'Wayne Enterprises',
    amount: 100000,
    closeDate: '2026-06-10',
    createdDate: '2026-03-01',
  }),
  deal({
    id: 'd-cyberdyne',
    name: 'Cyberdyne',
    amount: 180000,
    closeDate: '2026-03-01',
    createdDate: '2026-01-05',
  }),
];

export const fxRates: FxRate[] = [{ from: 'EUR', to: 'USD', date: '2026-07-01', rate: 1.1 }];

/** `StatementInputs.planOn` over plan versions: the latest version whose dates hold the day. */
export function planOnFor(...versions: Plan[]): (date: string) => Plan | null {
  return (date) =>
    versions
      .filter(
        (v) => v.effectiveFrom <= date && (v.effectiveTo === undefined || date <= v.effectiveTo),
      )
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0] ?? null;
}

export const danaInputs: StatementInputs = {
  plan,
  planOn: planOnFor(plan),
  quotas,
  deals,
  fxRates,
};

/** The CRM page: Acme's record in edit mode, with what is typed in its fields. */
export function acmeRecord(fields: Partial<RecordContext['fields']> = {}): RecordContext {
  return {
    crm: 'salesforce-lightning',
    recordId: ACME_CRM_ID,
    isDeal: true,
    mode: 'edit',
    fields: {
      amount: 80000,
      currency: 'USD',
      stage: 'Negotiation',
      closeDate: '2026-09-25',
      probability: 60,
      recordName: 'Acme Q3 platform',
      accountName: 'Acme Corp',
      ownerName: 'Dana Whitfield',
      ...fields,
    },
  };
}

/** A deal on the page that Attain has not synced yet. */
export function newDealRecord(fields: Partial<RecordContext['fields']> = {}): RecordContext {
  return {
    crm: 'hubspot',
    recordId: '9911223344',
    isDeal: true,
    mode: 'edit',
    fields: {
      amount: 45000,
      currency: 'USD',
      stage: 'Contract sent',
      closeDate: '2026-09-30',
      probability: 70,
      recordName: 'Northwind <img src=x onerror=alert(1)>',
      accountName: 'Northwind Traders',
      ownerName: 'Dana Whitfield',
      ...fields,
    },
  };
}

export const syncedStatus: SyncStatus = {
  signedIn: true,
  serverUrl: 'https://attain.example.com',
  online: true,
  syncing: false,
  lastSyncedAt: '2026-08-14T10:27:00.000Z',
  pending: 0,
  rejections: [],
  error: null,
  stopped: null,
  nextRetryAt: null,
};

export const managerPrompt: CoachingPrompt = {
  id: 'mp-1',
  ruleId: 'manager',
  severity: 'warn',
  title: 'Bring procurement in before the MSA',
  detail: 'Acme’s procurement slowed the last two renewals; loop them in this week.',
  repId: 'u-dana',
  dealId: 'd-acme',
  authorId: 'u-maria',
  authorName: 'Maria Lopez',
  createdAt: '2026-08-12T09:00:00.000Z',
};

export const promptStates: PromptState[] = [];

function note(partial: Partial<Annotation> & Pick<Annotation, 'id' | 'body'>): Annotation {
  return {
    dealId: 'd-acme',
    authorId: 'u-maria',
    authorName: 'Maria Lopez',
    visibility: 'shared',
    resolved: false,
    createdAt: '2026-08-12T09:15:00.000Z',
    updatedAt: '2026-08-12T09:15:00.000Z',
    version: 1,
    ...partial,
  };
}

export const threads: NoteThread[] = [
  {
    note: {
      ...note({ id: 'n-1', body: 'Legal wants the DPA signed first.\nCan you chase it?' }),
      pending: false,
    },
    replies: [
      {
        ...note({
          id: 'n-2',
          parentId: 'n-1',
          authorId: 'u-dana',
          authorName: 'Dana Whitfield',
          body: 'Sent it to their counsel today.',
          createdAt: '2026-08-13T15:00:00.000Z',
          updatedAt: '2026-08-13T15:00:00.000Z',
        }),
        pending: true,
      },
    ],
  },
  {
    note: {
      ...note({
        id: 'n-3',
        body: 'Pricing approved at 12% discount.',
        resolved: true,
        version: 2,
        createdAt: '2026-08-01T08:00:00.000Z',
        updatedAt: '2026-08-02T08:00:00.000Z',
      }),
      pending: false,
    },
    replies: [],
  },
];

export const conflictRejection: SyncRejection = {
  seq: 41,
  name: 'annotation.edit',
  args: { id: 'n-1', body: 'Legal wants the DPA and the SOC 2 report first.', baseVersion: 1 },
  entityId: 'n-1',
  code: 'conflict',
  message:
    'The note changed since version 1 (it is now at version 2), so your edit was not applied.',
  createdAt: '2026-08-14T09:00:00.000Z',
  rejectedAt: '2026-08-14T09:05:00.000Z',
};

export const replyRejection: SyncRejection = {
  seq: 42,
  name: 'annotation.reply',
  args: { id: 'n-9', parentId: 'n-1', body: 'Counsel says Monday.' },
  entityId: 'n-9',
  code: 'forbidden',
  message: 'You may not reply to this note.',
  createdAt: '2026-08-14T09:10:00.000Z',
  rejectedAt: '2026-08-14T09:12:00.000Z',
};

export const survey: Survey = {
  id: 'sv-enps',
  name: 'Quarterly eNPS',
  companyName: 'Acme Sales Co',
  cadence: 'quarter',
  startsOn: '2026-01-01',
  audience: {},
  questions: [{ id: 'q-growth', text: 'I see a path to grow here.', kind: 'score' }],
  minGroupSize: 5,
  minCommentGroupSize: 10,
  active: true,
};

export const answeredStatus: EnpsStatus = {
  id: 'sv-enps',
  surveyId: 'sv-enps',
  answeredPeriods: ['2026-07-01'],
};

export const enpsResults: EnpsResults = {
  survey: { id: 'sv-enps', name: 'Quarterly eNPS' },
  periodStart: '2026-07-01',
  periods: ['2026-07-01', '2026-04-01'],
  overall: {
    responses: 14,
    promoters: 7,
    passives: 4,
    detractors: 3,
    score: 29,
    withheld: false,
    comments: ['More pipeline from marketing please', 'Great team'],
    commentsWithheld: false,
  },
  teams: [
    {
      teamId: 't-west',
      teamName: 'West',
      responses: 9,
      promoters: 5,
      passives: 2,
      detractors: 2,
      score: 33,
      withheld: false,
      comments: null,
      commentsWithheld: true,
      commentsWithheldReason: 'comments withheld: fewer than 10 answers',
    },
    {
      teamId: 't-east',
      teamName: 'East',
      responses: null,
      promoters: null,
      passives: null,
      detractors: null,
      score: null,
      withheld: true,
      withheldReason: 'withheld: fewer than 5 answers',
      comments: null,
      commentsWithheld: true,
      commentsWithheldReason: 'withheld: fewer than 5 answers',
    },
  ],
  questions: [
    {
      questionId: 'q-growth',
      kind: 'score',
      withheld: false,
      responses: 12,
      average: 7.4,
      answers: null,
    },
  ],
};

export const teamOverview: TeamOverview[] = [
  {
    team: { id: 't-west', name: 'West' },
    asOf: TODAY,
    reps: [
      row('u-dana', 'Dana Whitfield', 0.7, -0.17, 1.6, 16800, 1),
      row('u-omar', 'Omar Haddad', 1.12, 0.25, null, 27400, 0),
      row('u-lena', 'Lena Fischer', 0.41, -0.46, 2.4, 9840, 3),
    ],
  },
  {
    team: { id: 't-east', name: 'East' },
    asOf: TODAY,
    reps: [
      {
        repId: 'u-kofi',
        name: 'Kofi Mensah',
        currency: null,
        periodStart: null,
        periodEnd: null,
        quota: null,
        credited: null,
        attainment: null,
        pace: null,
        coverage: null,
        estimatedPayout: null,
        dealsAtRisk: 0,
        problems: ['Kofi Mensah has no plan on 2026-08-14.'],
      },
    ],
  },
];

function row(
  repId: string,
  name: string,
  attainment: number,
  pace: number,
  coverage: number | null,
  estimatedPayout: number,
  dealsAtRisk: number,
) {
  return {
    repId,
    name,
    currency: 'USD',
    periodStart: '2026-07-01',
    periodEnd: '2026-09-30',
    quota: 300000,
    credited: attainment * 300000,
    attainment,
    pace,
    coverage,
    estimatedPayout,
    dealsAtRisk,
    problems: [],
  };
}

export const settings = defaultSettings;

/** The overlay's layout on the CRM page, with spies for what the sidebar asks of it. */
export function sidebarLayout(side: 'left' | 'right' = 'right'): SidebarLayout {
  return {
    side,
    width: 380,
    minWidth: 280,
    maxWidth: 960,
    dock: vi.fn(),
    resize: vi.fn(),
    collapse: vi.fn(),
  };
}
