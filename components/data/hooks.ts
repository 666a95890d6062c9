import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { Deal, User } from '../../lib/domain';
import { DealRepository } from '../../lib/db/deal-repository';
import type { DueSurvey } from '../../lib/db/enps-repository';
import { RejectionRepository } from '../../lib/db/outbox-repository';
import {
  statementInputOn,
  type StatementInputs as StoredInputs,
} from '../../lib/db/statement-inputs';
import {
  addCustomCrmHost,
  removeCustomCrmHost,
  type OverlayClientApi,
} from '../../lib/messaging/overlay/client';
import { CUSTOM_HOSTS_KEY, parseCustomHosts } from '../../lib/messaging/overlay/hosts';
import type { ServerRead } from '../../lib/sync/server-reads';
import { readSyncStatus } from '../../lib/sync/status';
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
import type { createWriteActions } from './actions';
import { useLocalQuery } from './local-query';
import {
  localDate,
  ME_KEY,
  PULSE_KEY,
  readCachedInputs,
  readMe,
  readPulse,
  REJECTIONS_KEY,
  statementInputsKey,
  syncStatusKey,
  type CachedInputs,
} from './reads';
import { parsePreferences, PREFERENCES_KEY } from './preferences';
import { useServerQuery } from './server-query';
import { useDataServices, type DataServices } from './services';

/** The signed-in user; null when signed out (the data may still be there). */
export function useMe(): Resource<User | null> {
  const { db } = useDataServices();
  return useLocalQuery(ME_KEY, () => readMe(db));
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

function toStatementInputs(cached: CachedInputs, today: string): StatementInputs {
  const inputs: StoredInputs = { ...cached, planVersions: new Map(cached.planVersions) };
  const planOn = (date: string) => statementInputOn(inputs, date)?.plan ?? null;
  return {
    plan: planOn(today),
    planOn,
    quotas: inputs.quotas,
    deals: inputs.deals,
    fxRates: inputs.fxRates,
  };
}

/**
 * The plan in force today and on any other date (each period has its own plan version), quotas,
 * deals and FX rates: statements are computed from these.
 */
export function useStatementInputs(repId: string | null): Resource<StatementInputs> {
  const { db, now } = useDataServices();
  const today = localDate(now());
  const cached = useLocalQuery(
    statementInputsKey(repId, today),
    () => readCachedInputs(db, repId!),
    repId !== null,
  );
  const data = useMemo(
    () => (cached.data ? toStatementInputs(cached.data, today) : undefined),
    [cached.data, today],
  );
  return { ...cached, data };
}

/** The deal's note threads; notes waiting to sync are marked pending. */
export function useNotes(dealId: string | null): Resource<NoteThread[]> {
  const { db } = useDataServices();
  return useLocalQuery(
    ['notes', dealId],
    async () => {
      const { AnnotationRepository } = await import('../../lib/db/annotation-repository');
      return new AnnotationRepository(db).threadsForDeal(dealId!);
    },
    dealId !== null,
  );
}
export const useAnnotations = useNotes;

/** What coaching needs besides deals and KPIs: settings, managers' prompts, the user's dismissals. */
export function useCoaching(repId: string | null): Resource<CoachingData> {
  const { db } = useDataServices();
  return useLocalQuery(
    ['coaching', repId],
    async () => {
      const [{ PeopleRepository }, { PromptRepository, PromptStateRepository }] = await Promise.all([
        import('../../lib/db/people-repository'),
        import('../../lib/db/prompt-repository'),
      ]);
      return {
        settings: await new PeopleRepository(db).settings(),
        managerPrompts: await new PromptRepository(db).forRep(repId!),
        promptStates: [...(await new PromptStateRepository(db).all()).values()],
      };
    },
    repId !== null,
  );
}
export const usePrompts = useCoaching;

export function usePulse(): Resource<PulseData> {
  const { db } = useDataServices();
  return useLocalQuery(PULSE_KEY, () => readPulse(db));
}

/** The surveys to ask the user about now. */
export function useSurveyDue(): Resource<DueSurvey[]> {
  const { db, now } = useDataServices();
  const me = useMe().data ?? null;
  return useLocalQuery(
    ['surveyDue', me?.id, localDate(now())],
    async () => {
      const { EnpsRepository } = await import('../../lib/db/enps-repository');
      return new EnpsRepository(db, { now }).due(me!, now());
    },
    me !== null,
  );
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
  const status = useLocalQuery(syncStatusKey(online), () => readSyncStatus(db, { online }));
  const rejections = useLocalQuery(REJECTIONS_KEY, () => new RejectionRepository(db).all());
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
  const result = useServerQuery(reads, me?.id ?? null, (m) => m.enpsResultsSchema);
  // Until the user is read, the answer is not known yet (pending, not "nothing to read").
  const status = surveyId && meResource.status === 'pending' ? 'pending' : result.status;
  return { ...result, status, data: result.data?.[0] };
}

/** One overview per team the user manages (admins: every team). Server only, cached. */
export function useTeamOverview(enabled: boolean): Resource<TeamOverview[]> {
  const { db } = useDataServices();
  const meResource = useMe();
  const me = meResource.data ?? null;
  const teams = useLocalQuery(
    ['teams'],
    async () => {
      const { PeopleRepository } = await import('../../lib/db/people-repository');
      return new PeopleRepository(db).teams();
    },
    enabled,
  );
  const teamIds = me?.role === 'admin' ? (teams.data ?? []).map((t) => t.id) : (me?.managesTeamIds ?? []);
  const reads = enabled && me ? teamIds.map((teamId): ServerRead => ({ kind: 'teamOverview', teamId })) : null;
  const result = useServerQuery(reads, me?.id ?? null, (m) => m.teamOverviewSchema);
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
 * transaction with its outbox row), then asks the background to sync. The writers (and the
 * schemas they validate with) are loaded on the first write.
 */
export function useActions(): WorkbenchActions {
  const services = useDataServices();
  return useMemo(() => createActions(services), [services]);
}
export const useMutations = useActions;

function createActions(services: DataServices): WorkbenchActions {
  const { db, client, api } = services;
  const overlayApi: OverlayClientApi = {
    runtime: { sendMessage: (m) => api.sendMessage(m) },
    permissions: { request: ({ origins }) => api.requestOrigins(origins) },
  };
  let writes: Promise<ReturnType<typeof createWriteActions>> | null = null;
  const load = () =>
    (writes ??= import('./actions').then((m) => m.createWriteActions(services)).catch((error) => {
      writes = null;
      throw error;
    }));
  return {
    syncNow: async () => {
      await client.request('sync.now', { reason: 'user' });
    },
    openSignIn: () => void api.openOptionsPage(),
    signOut: async ({ clearLocalData }) => {
      await client.request('auth.signOut', { clearLocalData });
    },
    notes: {
      create: async (input) => (await load()).notes.create(input),
      reply: async (input) => (await load()).notes.reply(input),
      edit: async (input) => (await load()).notes.edit(input),
      resolve: async (input) => (await load()).notes.resolve(input),
      delete: async (input) => (await load()).notes.delete(input),
    },
    prompts: {
      dismiss: async (promptId) => (await load()).prompts.dismiss(promptId),
      snooze: async (promptId, until) => (await load()).prompts.snooze(promptId, until),
      create: async (input) => (await load()).prompts.create(input),
    },
    pulse: {
      respond: async (input) => (await load()).pulse.respond(input),
      snooze: async (input) => (await load()).pulse.snooze(input),
    },
    dismissRejection: (seq) => new RejectionRepository(db).dismiss(seq),
    setPreferences: async (patch) => {
      const current = parsePreferences(await api.local.get(PREFERENCES_KEY));
      await api.local.set(PREFERENCES_KEY, { ...current, ...patch });
    },
    // The host permission is asked for straight from the click (nothing awaited before it),
    // so these are not loaded on demand.
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
