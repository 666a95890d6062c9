import type {
  Annotation,
  CoachingPrompt,
  Deal,
  EnpsResult,
  EnpsStatus,
  FxRate,
  MutationName,
  Plan,
  PlanOn,
  PromptState,
  Quota,
  Settings,
  Severity,
  Survey,
  TeamEnpsResult,
  User,
} from '../../lib/domain';

/**
 * One read the sidebar makes: the fields of TanStack Query's `UseQueryResult` it uses, so a
 * query result can be handed over as is. `data` is present as soon as anything is known
 * (local data paints at once; no spinner when a cache exists).
 */
export interface Resource<T> {
  data: T | undefined;
  status: 'pending' | 'error' | 'success';
  error: Error | null;
  /** Epoch ms the data was fetched: shown as the age of server-only reads. 0 when unknown. */
  dataUpdatedAt?: number;
  /** A refresh is running (data may still be shown). */
  isFetching?: boolean;
  refetch: () => unknown;
}

/** A mutation the server refused, kept (with what the user wrote) until the user dismisses it. */
export interface SyncRejection {
  seq: number;
  name: MutationName;
  args: unknown;
  entityId: string;
  code: string;
  message: string;
  /** When the change was made locally (ISO timestamp). */
  createdAt: string;
  rejectedAt: string;
}

/** The facts the status bar and popup derive the sync state from. */
export interface SyncStatus {
  signedIn: boolean;
  /** The Attain server this browser talks to (null before the first sign-in). */
  serverUrl: string | null;
  /** `navigator.onLine` as the background last saw it. */
  online: boolean;
  /** A sync is running now. */
  syncing: boolean;
  /** When the last sync succeeded (ISO timestamp), null before the first one. */
  lastSyncedAt: string | null;
  /** Local changes waiting to be sent. */
  pending: number;
  /** Refused changes the user has not dismissed yet. */
  rejections: SyncRejection[];
  /** The last attempt failed (cleared by a success). */
  error: { code: string; message: string; at: string } | null;
  /** Sync stopped for good until the extension is updated (schema mismatch). */
  stopped: { reason: string } | null;
  /** When the next automatic attempt is due after a failure (ISO timestamp). */
  nextRetryAt?: string | null;
}

/** Everything one rep's statements and KPIs are computed from. */
export interface StatementInputs {
  /** The plan version in force today; null when the rep is on no plan today. */
  plan: Plan | null;
  /**
   * The plan version in force for the rep on a date: the plan they were assigned that day, in
   * the version effective that day; null when none. Plans change between periods (new tiers, a
   * new plan year): a past or future period is computed with its own version, never today's
   * (`planForPeriod` in lib/domain/plans).
   */
  planOn: PlanOn;
  quotas: Quota[];
  /** The rep's deals (owned or split), closed and open. */
  deals: Deal[];
  fxRates: FxRate[];
}

/** A note as the sidebar shows it (structurally `NoteView` of lib/db). */
export interface NoteEntry extends Annotation {
  /** Changed locally and not yet acknowledged by the server. */
  pending: boolean;
  /** Set on a conflict copy: the id of the note whose edit could not be applied. */
  conflictOf?: string;
}

/** A thread: its first note and the replies, oldest first (structurally `NoteThread`). */
export interface NoteThread {
  note: NoteEntry;
  replies: NoteEntry[];
}

/** What coaching needs besides deals and KPIs. */
export interface CoachingData {
  settings: Settings;
  /** Prompts managers wrote for the rep (ruleId `manager`), with their author. */
  managerPrompts: (CoachingPrompt & { pending?: boolean })[];
  /** The signed-in user's dismissals and snoozes. */
  promptStates: PromptState[];
}

export interface PulseData {
  surveys: Survey[];
  /** The user's own participation per survey (never a score). */
  statuses: EnpsStatus[];
}

/** Company-wide summary of a further survey question (server, anonymous). */
export interface QuestionSummary {
  questionId: string;
  kind: 'score' | 'text';
  withheld: boolean;
  responses: number | null;
  average: number | null;
  answers: string[] | null;
}

/** `GET /v1/enps/surveys/:id/results`: anonymous aggregates for one period. */
export interface EnpsResults {
  survey: { id: string; name: string };
  periodStart: string;
  /** Periods with answers, newest first. */
  periods: string[];
  overall: EnpsResult;
  teams: TeamEnpsResult[];
  questions: QuestionSummary[];
}

/** One row of `GET /v1/teams/:id/overview`. */
export interface TeamOverviewRow {
  repId: string;
  name: string;
  currency: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  quota: number | null;
  credited: number | null;
  attainment: number | null;
  pace: number | null;
  coverage: number | null;
  estimatedPayout: number | null;
  dealsAtRisk: number;
  problems: string[];
}

export interface TeamOverview {
  team: { id: string; name: string };
  asOf: string;
  reps: TeamOverviewRow[];
}

export type ThemePreference = 'system' | 'light' | 'dark';
export type LanguagePreference = 'system' | 'en' | 'id';

/** The CRMs Attain supports (the ids of lib/crm's `CrmId`). */
export const CRM_IDS = [
  'salesforce-lightning',
  'salesforce-classic',
  'hubspot',
  'dynamics365',
  'pipedrive',
] as const;
export type CrmKey = (typeof CRM_IDS)[number];

/**
 * The user's settings for this browser (extension storage, shared by every extension page
 * and readable by the content script: nothing secret). The sidebar's side and width are
 * remembered per CRM host by the overlay itself (see `WorkbenchHost.sidebar`).
 */
export interface Preferences {
  theme: ThemePreference;
  language: LanguagePreference;
  /** The CRMs the overlay mounts on; the content script reads this before mounting. */
  enabledCrms: CrmKey[];
}

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  language: 'system',
  enabledCrms: [...CRM_IDS],
};

/** Which CRM a host the user adds runs (`salesforce` covers Lightning and Classic). */
export const CRM_FAMILIES = ['salesforce', 'hubspot', 'dynamics365', 'pipedrive'] as const;
export type CrmFamily = (typeof CRM_FAMILIES)[number];

/** A CRM host the user added (lib/messaging/overlay's `CustomHost`). */
export interface CustomHostEntry {
  /** Match pattern: `https://crm.acme.com/*`. */
  pattern: string;
  crm: CrmFamily;
}

/** What adding a host came to. */
export type AddHostResult = 'added' | 'denied' | 'invalid';

/** A browser-level shortcut (`browser.commands.getAll()`), e.g. the one toggling the sidebar. */
export interface BrowserShortcut {
  name: string;
  /** As the browser shows it ("Alt+Shift+A"); empty when unassigned. */
  shortcut: string;
}

/** Every write the sidebar makes. Each resolves once stored locally (sync follows). */
export interface WorkbenchActions {
  syncNow(): Promise<void>;
  /** Opens the options page at sign-in. */
  openSignIn(): void;
  signOut(options: { clearLocalData: boolean }): Promise<void>;
  notes: {
    create(input: {
      dealId: string;
      body: string;
      visibility: 'shared' | 'managers';
    }): Promise<void>;
    reply(input: { parentId: string; body: string }): Promise<void>;
    /** The data layer sends the version the user saw (a stale one becomes a conflict copy). */
    edit(input: { id: string; body: string }): Promise<void>;
    resolve(input: { id: string; resolved: boolean }): Promise<void>;
    delete(input: { id: string }): Promise<void>;
  };
  prompts: {
    dismiss(promptId: string): Promise<void>;
    snooze(promptId: string, until: string): Promise<void>;
    create(input: {
      repId: string;
      dealId?: string;
      severity: Severity;
      title: string;
      detail?: string;
    }): Promise<void>;
  };
  pulse: {
    respond(input: {
      surveyId: string;
      periodStart: string;
      score: number;
      comment?: string;
      answers?: Record<string, number | string>;
    }): Promise<void>;
    snooze(input: { surveyId: string; until: string }): Promise<void>;
  };
  dismissRejection(seq: number): Promise<void>;
  setPreferences(patch: Partial<Preferences>): Promise<void>;
  /**
   * Adds a CRM host: asks the browser for the optional host permission (called straight from
   * the click, so the user gesture holds), then registers the overlay for it.
   */
  addHost(origin: string, crm: CrmFamily): Promise<AddHostResult>;
  /** Removes a host, its registration and its permission. */
  removeHost(pattern: string): Promise<void>;
  /** Opens the browser's keyboard-shortcut settings (chrome://extensions/shortcuts). */
  openShortcutSettings(): void;
}

/**
 * The data the workbench reads, as hooks (each container calls the ones it needs; a hook
 * must be called unconditionally, like any React hook). The sidebar entrypoint builds one
 * from `components/data`; tests build one from fixtures.
 */
export interface WorkbenchData {
  /** The signed-in user; null when signed out. */
  useMe(): Resource<User | null>;
  useSyncStatus(): Resource<SyncStatus>;
  /** `repId` null: nothing to read (data undefined, status success). */
  useStatementInputs(repId: string | null): Resource<StatementInputs>;
  /** The synced deal a CRM record shows (matched on `Deal.crmId`); null when not synced. */
  useRecordDeal(crmRecordId: string | null): Resource<Deal | null>;
  useCoaching(repId: string | null): Resource<CoachingData>;
  useNotes(dealId: string | null): Resource<NoteThread[]>;
  usePulse(): Resource<PulseData>;
  /** Server-only, cached for offline; `periodStart` null: the latest period with answers. */
  useEnpsResults(surveyId: string | null, periodStart: string | null): Resource<EnpsResults>;
  /** Server-only, cached for offline: one overview per team the user manages. */
  useTeamOverview(enabled: boolean): Resource<TeamOverview[]>;
  usePreferences(): Resource<Preferences>;
  /** The CRM hosts the user added. */
  useCustomHosts(): Resource<CustomHostEntry[]>;
  useBrowserShortcuts(): Resource<BrowserShortcut[]>;
  useActions(): WorkbenchActions;
}
