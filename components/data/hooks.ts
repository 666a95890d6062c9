import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { Deal, User } from '../../lib/domain';
import {
  AnnotationRepository,
  DealRepository,
  EnpsRepository,
  PeopleRepository,
  PromptRepository,
  PromptStateRepository,
  RejectionRepository,
  readStatementInputs,
  statementInputOn,
  type DueSurvey,
} from '../../lib/db';
import type { OverlayClientApi } from '../../lib/messaging/overlay/client';
import {
  addCustomCrmHost,
  removeCustomCrmHost,
} from '../../lib/messaging/overlay/client';
import { CUSTOM_HOSTS_KEY, parseCustomHosts } from '../../lib/messaging/overlay/hosts';
import {
  enpsResultsSchema,
  readSyncStatus,
  teamOverviewSchema,
  type ServerRead,
} from '../../lib/sync';
import type {
  BrowserShortcut,
  CoachingData,
  CustomHostEntry,
  EnpsResults,
  NoteThread,
  Preferences,
  PulseData,
  Resource,
  StatementInputs,
  SyncStatus,
  TeamOverview,
  WorkbenchActions,
} from '../data-contract/types';
import { useLocalQuery } from './local-query';
import { parsePreferences, PREFERENCES_KEY } from './preferences';
import { useServerQuery } from './server-query';
import { useDataServices } from './services';

/** `YYYY-MM-DD` in the user's time zone. */
export function localDate(now: Date): string {
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${m}-${d}`;
}

/** The signed-in user; null when signed out (the data may still be there). */
export function useMe(): Resource<User | null> {
  const { db } = useDataServices();
  return useLocalQuery(['me'], async () => {
    const account = await db.meta.get('account');
    if (account?.key !== 'account' || !account.signedIn) return null;
    return (await new PeopleRepository(db).me()) ?? null;
  });
}

/** Every deal that credits the rep (owned or split), by close date. */
export function useDealsForRep(repId: string | null): Resource<Deal[]> {
  const { db } = useDataServices();
  return useLocalQuery(['deals', repId], () => new DealRepository(db).forRep(repId!), repId !== null);
}

/** The synced deal a CRM record shows (matched on its CRM id); null when not synced. */
export function useRecordDeal(crmRecordId: string | null): Resource<Deal | null> {
  const { db } = useDataServices();
  return useLocalQuery(
    ['deal', crmRecordId],
    async () => (await new DealRepository(db).getByCrmId(crmRecordId!)) ?? null,
    crmRecordId !== null,
  );
}
export const useDeal = useRecordDeal;

/**
 * The plan in force today and on any other date (each period has its own plan version), quotas,
 * deals and FX rates: statements are computed from these.
 */
export function useStatementInputs(repId: string | null): Resource<StatementInputs> {
  const { db, now } = useDataServices();
  const today = localDate(now());
  return useLocalQuery(
    ['statementInputs', repId, today],
    async () => {
      const inputs = await readStatementInputs(db, repId!);
      const planOn = (date: string) => statementInputOn(inputs, date)?.plan ?? null;
      return { plan: planOn(today), planOn, quotas: inputs.quotas, deals: inputs.deals, fxRates: inputs.fxRates };
    },
    repId !== null,
  );
}

/** The deal's note threads; notes waiting to sync are marked pending. */
export function useNotes(dealId: string | null): Resource<NoteThread[]> {
  const { db } = useDataServices();
  return useLocalQuery(
    ['notes', dealId],
    () => new AnnotationRepository(db).threadsForDeal(dealId!),
    dealId !== null,
  );
}
export const useAnnotations = useNotes;

/** What coaching needs besides deals and KPIs: settings, managers' prompts, the user's dismissals. */
export function useCoaching(repId: string | null): Resource<CoachingData> {
  const { db } = useDataServices();
  return useLocalQuery(
    ['coaching', repId],
    async () => ({
      settings: await new PeopleRepository(db).settings(),
      managerPrompts: await new PromptRepository(db).forRep(repId!),
      promptStates: [...(await new PromptStateRepository(db).all()).values()],
    }),
    repId !== null,
  );
}
export const usePrompts = useCoaching;

export function usePulse(): Resource<PulseData> {
  const { db } = useDataServices();
  return useLocalQuery(['pulse'], async () => ({
    surveys: await new EnpsRepository(db).surveys(),
    statuses: (await db.enpsStatus.toArray()).flatMap((r) => (r.value ? [r.value] : [])),
  }));
}

/** The surveys to ask the user about now. */
export function useSurveyDue(): Resource<DueSurvey[]> {
  const { db, now } = useDataServices();
  const me = useMe().data ?? null;
  return useLocalQuery(['surveyDue', me?.id, localDate(now())], () => new EnpsRepository(db, { now }).due(me!, now()), me !== null);
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Only the background knows whether a sync is running: it says so in its status events. */
function useSyncing(): boolean {
  const { client } = useDataServices();
  const [syncing, setSyncing] = useState(false);
  useEffect(() => {
    void client.request('sync.status', {}).then((s) => setSyncing(s.syncing), () => undefined);
    return client.onEvent((event) => {
      if (event.type === 'event.syncStatus') setSyncing(event.status.syncing);
    });
  }, [client]);
  return syncing;
}

/** The sync status from IndexedDB (live), with the refused changes the user has to see. */
export function useSyncStatus(): Resource<SyncStatus> {
  const { db } = useDataServices();
  const online = useOnline();
  const syncing = useSyncing();
  const status = useLocalQuery(['syncStatus', online], () => readSyncStatus(db, { online }));
  const rejections = useLocalQuery(['rejections'], () => new RejectionRepository(db).all());
  const data = useMemo((): SyncStatus | undefined => {
    const s = status.data;
    if (!s) return undefined;
    return {
      signedIn: s.signedIn,
      serverUrl: s.serverUrl,
      online: s.online && s.error?.code !== 'offline',
      syncing,
      lastSyncedAt: s.lastSyncedAt,
      pending: s.pending,
      rejections: (rejections.data ?? []).map((r) => ({
        seq: r.seq,
        name: r.name,
        args: r.args,
        entityId: r.entityId,
        code: r.code,
        message: r.message,
        createdAt: r.createdAt,
        rejectedAt: r.rejectedAt,
      })),
      error: s.error && s.error.code !== 'offline' ? s.error : null,
      stopped: s.stopped,
      nextRetryAt: s.nextRetryAt,
    };
  }, [status.data, rejections.data, syncing]);
  return { ...status, data };
}

/** Anonymous eNPS aggregates (server only; cached for offline, with their age). */
export function useEnpsResults(surveyId: string | null, periodStart: string | null): Resource<EnpsResults> {
  const meResource = useMe();
  const me = meResource.data ?? null;
  const reads: ServerRead[] | null = surveyId
    ? [{ kind: 'enpsResults', surveyId, ...(periodStart ? { periodStart } : {}) }]
    : null;
  const result = useServerQuery(reads, me?.id ?? null, enpsResultsSchema);
  // Until the user is read, the answer is not known yet (pending, not "nothing to read").
  const status = surveyId && meResource.status === 'pending' ? 'pending' : result.status;
  return { ...result, status, data: result.data?.[0] };
}

/** One overview per team the user manages (admins: every team). Server only, cached. */
export function useTeamOverview(enabled: boolean): Resource<TeamOverview[]> {
  const { db } = useDataServices();
  const meResource = useMe();
  const me = meResource.data ?? null;
  const teams = useLocalQuery(['teams'], () => new PeopleRepository(db).teams(), enabled);
  const teamIds = me?.role === 'admin' ? (teams.data ?? []).map((t) => t.id) : (me?.managesTeamIds ?? []);
  const reads = enabled && me ? teamIds.map((teamId): ServerRead => ({ kind: 'teamOverview', teamId })) : null;
  const result = useServerQuery(reads, me?.id ?? null, teamOverviewSchema);
  const status = enabled && meResource.status === 'pending' ? 'pending' : result.status;
  return { ...result, status };
}

/** A value in extension storage, live. */
function useStorageValue<T>(key: string, parse: (value: unknown) => T): Resource<T> {
  const { api } = useDataServices();
  const result = useQuery<T, Error>({
    queryKey: ['storage', key],
    queryFn: async () => parse(await api.local.get(key)),
    networkMode: 'always',
  });
  const { refetch } = result;
  useEffect(() => api.local.watch(key, () => void refetch()), [api, key, refetch]);
  return {
    data: result.data,
    status: result.status,
    error: result.error,
    dataUpdatedAt: result.dataUpdatedAt,
    isFetching: result.isFetching,
    refetch,
  };
}

export function usePreferences(): Resource<Preferences> {
  return useStorageValue(PREFERENCES_KEY, parsePreferences);
}

export function useCustomHosts(): Resource<CustomHostEntry[]> {
  return useStorageValue(CUSTOM_HOSTS_KEY, parseCustomHosts);
}

export function useBrowserShortcuts(): Resource<BrowserShortcut[]> {
  const { api } = useDataServices();
  const result = useQuery<BrowserShortcut[], Error>({
    queryKey: ['browserShortcuts'],
    queryFn: () => api.commands(),
    networkMode: 'always',
  });
  return { ...result, refetch: result.refetch };
}

/**
 * Every write the workbench makes. Each resolves once stored locally (one IndexedDB
 * transaction with its outbox row), then asks the background to sync.
 */
export function useActions(): WorkbenchActions {
  const services = useDataServices();
  return useMemo(() => createActions(services), [services]);
}
export const useMutations = useActions;

function createActions({ db, client, api, now }: ReturnType<typeof useDataServices>): WorkbenchActions {
  const options = { now };
  const notes = new AnnotationRepository(db, options);
  const prompts = new PromptRepository(db, options);
  const promptStates = new PromptStateRepository(db, options);
  const enps = new EnpsRepository(db, options);
  const overlayApi: OverlayClientApi = {
    runtime: { sendMessage: (m) => api.sendMessage(m) },
    permissions: { request: ({ origins }) => api.requestOrigins(origins) },
  };
  const write = async (run: () => Promise<unknown>) => {
    await run();
    // The change is stored: if the background cannot be reached now, its alarm syncs it.
    void client.request('sync.now', { reason: 'local-write' }).catch(() => undefined);
  };
  return {
    syncNow: async () => {
      await client.request('sync.now', { reason: 'user' });
    },
    openSignIn: () => void api.openOptionsPage(),
    signOut: async ({ clearLocalData }) => {
      await client.request('auth.signOut', { clearLocalData });
    },
    notes: {
      create: (input) => write(() => notes.createNote(input)),
      reply: (input) => write(() => notes.reply(input)),
      edit: (input) => write(() => notes.edit(input)),
      resolve: (input) => write(() => notes.resolve(input)),
      delete: (input) => write(() => notes.delete(input)),
    },
    prompts: {
      dismiss: (promptId) => write(() => promptStates.dismiss(promptId)),
      snooze: (promptId, until) => write(() => promptStates.snooze(promptId, until)),
      create: (input) => write(() => prompts.create(input)),
    },
    pulse: {
      respond: (input) => write(() => enps.respond(input)),
      snooze: (input) => write(() => enps.snooze(input)),
    },
    dismissRejection: (seq) => new RejectionRepository(db).dismiss(seq),
    setPreferences: async (patch) => {
      const current = parsePreferences(await api.local.get(PREFERENCES_KEY));
      await api.local.set(PREFERENCES_KEY, { ...current, ...patch });
    },
    addHost: async (origin, crm) => {
      const result = await addCustomCrmHost(overlayApi, { origin, crm });
      if (result.ok) return 'added';
      if (result.reason === 'permission-denied') return 'denied';
      if (result.reason === 'invalid-origin') return 'invalid';
      throw new Error(result.reason);
    },
    removeHost: async (pattern) => {
      const result = await removeCustomCrmHost(overlayApi, pattern);
      if (!result.ok) throw new Error(result.reason);
    },
    openShortcutSettings: () =>
      void api.openTab(
        typeof navigator !== 'undefined' && navigator.userAgent.includes('Firefox')
          ? 'about:addons'
          : 'chrome://extensions/shortcuts',
      ),
  };
}
