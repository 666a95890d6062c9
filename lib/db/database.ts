import { Dexie, type DexieOptions, type EntityTable, type Table, type Transaction } from 'dexie';
import type { Deal } from '../domain';
import type {
  AnnotationRow,
  DealRow,
  EnpsStatusRow,
  FxRateRow,
  MeRow,
  MetaKey,
  MetaRow,
  OutboxRow,
  PlanAssignmentRow,
  PlanRow,
  PromptRow,
  PromptStateRow,
  QueryCacheRow,
  QuotaRow,
  RejectionRow,
  SettingsRow,
  SurveyRow,
  TeamRow,
  UserRow,
} from './rows';

export const DATABASE_NAME = 'attain';

/** The reps a deal credits: its owner and every rep with a split. */
export function dealRepIds(deal: Pick<Deal, 'ownerId' | 'splits'>): string[] {
  return [...new Set([deal.ownerId, ...(deal.splits ?? []).map((s) => s.repId)])];
}

interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<unknown>;
}

/**
 * Every version of the schema, oldest first. Never edit a shipped version: add one. Each
 * version lists only the tables it changes (Dexie keeps the others as they were).
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      meta: 'key',
      outbox: 'seq, [entity+entityId]',
      rejections: '++id, seq',
      me: 'id',
      users: 'id',
      teams: 'id',
      plans: 'id, planId',
      planAssignments: 'id, repId',
      quotas: 'id, repId',
      fxRates: 'id',
      deals: 'id, ownerId, crmId',
      annotations: 'id, dealId',
      prompts: 'id, repId',
      promptStates: 'id',
      surveys: 'id',
      enpsStatus: 'id',
      settings: 'id',
    },
  },
  {
    // Deals by every rep they credit (splits included), and the cache of server-only reads.
    version: 2,
    stores: {
      deals: 'id, ownerId, crmId, *repIds',
      queryCache: 'key, userId',
    },
    upgrade: (tx) =>
      tx
        .table<DealRow, string>('deals')
        .toCollection()
        .modify((row) => {
          row.repIds = dealRepIds(row.value);
        }),
  },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)!.version;

/** Declares the schema versions up to `upTo` (tests open older versions to test upgrades). */
export function declareSchema(db: Dexie, upTo = LATEST_SCHEMA_VERSION): void {
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upTo) break;
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}

/**
 * The extension's one database (extension origin; shared by the background and every
 * extension page). Pass `options` (fake-indexeddb's `indexedDB` and `IDBKeyRange`) in tests.
 */
export class AttainDatabase extends Dexie {
  meta!: Table<MetaRow, MetaKey>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  rejections!: EntityTable<RejectionRow, 'id'>;
  queryCache!: EntityTable<QueryCacheRow, 'key'>;
  me!: EntityTable<MeRow, 'id'>;
  users!: EntityTable<UserRow, 'id'>;
  teams!: EntityTable<TeamRow, 'id'>;
  plans!: EntityTable<PlanRow, 'id'>;
  planAssignments!: EntityTable<PlanAssignmentRow, 'id'>;
  quotas!: EntityTable<QuotaRow, 'id'>;
  fxRates!: EntityTable<FxRateRow, 'id'>;
  deals!: EntityTable<DealRow, 'id'>;
  annotations!: EntityTable<AnnotationRow, 'id'>;
  prompts!: EntityTable<PromptRow, 'id'>;
  promptStates!: EntityTable<PromptStateRow, 'id'>;
  surveys!: EntityTable<SurveyRow, 'id'>;
  enpsStatus!: EntityTable<EnpsStatusRow, 'id'>;
  settings!: EntityTable<SettingsRow, 'id'>;

  constructor(name: string = DATABASE_NAME, options?: DexieOptions) {
    super(name, options);
    declareSchema(this);
  }
}
