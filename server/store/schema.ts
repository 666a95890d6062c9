import type { Generated } from 'kysely';

/**
 * Table types for Kysely. The same columns on SQLite and PostgreSQL: booleans are stored
 * as 0/1 integers, dates as `YYYY-MM-DD` text, instants as ISO 8601 text, and entity bodies
 * that the server does not query by field as JSON text.
 */
export interface Database {
  meta: MetaTable;
  users: UsersTable;
  teams: TeamsTable;
  team_members: TeamLinkTable;
  team_managers: TeamLinkTable;
  auth_tokens: AuthTokensTable;
  plans: PlansTable;
  plan_assignments: PlanAssignmentsTable;
  quotas: QuotasTable;
  fx_rates: FxRatesTable;
  deals: DealsTable;
  deal_reps: DealRepsTable;
  annotations: AnnotationsTable;
  prompts: PromptsTable;
  prompt_states: PromptStatesTable;
  surveys: SurveysTable;
  enps_participation: EnpsParticipationTable;
  enps_responses: EnpsResponsesTable;
  enps_snoozes: EnpsSnoozesTable;
  settings: SettingsTable;
  change_log: ChangeLogTable;
  sync_clients: SyncClientsTable;
  sync_rejections: SyncRejectionsTable;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string | null;
  active: number;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TeamsTable {
  id: string;
  name: string;
  updated_at: string;
  version: number;
}

export interface TeamLinkTable {
  team_id: string;
  user_id: string;
}

export interface AuthTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  kind: string;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface PlansTable {
  id: string;
  effective_from: string;
  effective_to: string | null;
  body: string;
  updated_at: string;
  version: number;
}

export interface PlanAssignmentsTable {
  rep_id: string;
  effective_from: string;
  effective_to: string | null;
  plan_id: string;
  updated_at: string;
  version: number;
}

export interface QuotasTable {
  rep_id: string;
  period_start: string;
  amount: number;
  updated_at: string;
  version: number;
}

export interface FxRatesTable {
  from_currency: string;
  to_currency: string;
  date: string;
  rate: number;
  updated_at: string;
  version: number;
}

export interface DealsTable {
  id: string;
  crm_id: string | null;
  owner_id: string;
  close_date: string;
  body: string;
  updated_at: string;
  version: number;
}

export interface DealRepsTable {
  deal_id: string;
  rep_id: string;
}

export interface AnnotationsTable {
  id: string;
  deal_id: string;
  parent_id: string | null;
  author_id: string;
  body: string;
  visibility: string;
  resolved: number;
  conflict_of: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PromptsTable {
  id: string;
  rep_id: string;
  deal_id: string | null;
  author_id: string | null;
  rule_id: string;
  severity: string;
  title: string;
  detail: string;
  created_at: string;
  version: number;
}

export interface PromptStatesTable {
  user_id: string;
  prompt_id: string;
  status: string;
  snoozed_until: string | null;
  updated_at: string;
  version: number;
}

export interface SurveysTable {
  id: string;
  body: string;
  active: number;
  updated_at: string;
  version: number;
}

/** Who has answered which survey period. Never joined to a response. */
export interface EnpsParticipationTable {
  user_id: string;
  survey_id: string;
  period_start: string;
}

/** An anonymous answer: no user id, no timestamp, only the team for aggregates. */
export interface EnpsResponsesTable {
  id: string;
  survey_id: string;
  period_start: string;
  team_id: string | null;
  score: number;
  comment: string | null;
  answers: string | null;
}

export interface EnpsSnoozesTable {
  user_id: string;
  survey_id: string;
  snoozed_until: string;
  version: number;
}

export interface SettingsTable {
  id: string;
  body: string;
  updated_at: string;
  version: number;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  entity: string;
  entity_id: string;
  op: string;
  audience: string;
  version: number;
  created_at: string;
}

export interface SyncClientsTable {
  user_id: string;
  client_id: string;
  last_mutation_seq: number;
  /** Reset markers at or below this change-log seq were already honoured by a full resync. */
  reset_through: number;
  created_at: string;
  updated_at: string;
}

export interface SyncRejectionsTable {
  user_id: string;
  client_id: string;
  seq: number;
  name: string;
  code: string;
  message: string;
  created_at: string;
}
