import { cleanup, render, type RenderResult } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { afterEach, expect, vi, type Mock } from 'vitest';
import type { Deal, User } from '../../lib/domain';
import '../../components/views';
import { WorkbenchDataProvider } from '../../components/data-contract/WorkbenchDataProvider';
import {
  DEFAULT_PREFERENCES,
  type BrowserShortcut,
  type CoachingData,
  type CustomHostEntry,
  type EnpsResults,
  type NoteThread,
  type Preferences,
  type PulseData,
  type Resource,
  type StatementInputs,
  type SyncStatus,
  type TeamOverview,
  type WorkbenchActions,
  type WorkbenchData,
} from '../../components/data-contract/types';
import type { Language } from '../../components/i18n/catalog';
import { I18nProvider } from '../../components/i18n/I18nProvider';
import { WorkbenchRoot } from '../../components/workbench/WorkbenchRoot';
import {
  WorkbenchHostProvider,
  type RecordContext,
  type SidebarLayout,
  type WorkbenchHost,
} from '../../components/workbench/WorkbenchHost';
import { WorkbenchStateProvider } from '../../components/workbench/WorkbenchState';
import * as fx from './fixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

// What jsdom lacks and the UI touches: ResizeObserver (the chart), matchMedia (the theme).
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// user-event moves between radios with CSS.escape, which jsdom lacks.
const css = (globalThis.CSS ??= {} as typeof CSS) as { escape?: (value: string) => string };
css.escape ??= (value: string) => value.replace(/[^a-zA-Z0-9_\u00a0-\uffff-]/g, (c) => `\\${c}`);

export let prefersDark = false;
const mediaListeners = new Set<() => void>();
export function setPrefersDark(dark: boolean): void {
  prefersDark = dark;
  for (const listener of mediaListeners) listener();
}
window.matchMedia = ((query: string) => ({
  get matches() {
    return query.includes('dark') && prefersDark;
  },
  media: query,
  onchange: null,
  addEventListener: (_: string, listener: () => void) => mediaListeners.add(listener),
  removeEventListener: (_: string, listener: () => void) => mediaListeners.delete(listener),
  addListener: () => undefined,
  removeListener: () => undefined,
  dispatchEvent: () => false,
})) as unknown as typeof window.matchMedia;

export function ok<T>(data: T, extra: Partial<Resource<T>> = {}): Resource<T> {
  return { data, status: 'success', error: null, refetch: vi.fn(), ...extra };
}

export function pending<T>(): Resource<T> {
  return { data: undefined, status: 'pending', error: null, refetch: vi.fn() };
}

export function failed<T>(message: string): Resource<T> {
  return { data: undefined, status: 'error', error: new Error(message), refetch: vi.fn() };
}

/** What the fake data layer holds; each field can be replaced by a test. */
export interface FakeState {
  me: Resource<User | null>;
  sync: Resource<SyncStatus>;
  inputs: (repId: string | null) => Resource<StatementInputs>;
  recordDeal: (crmId: string | null) => Resource<Deal | null>;
  coaching: Resource<CoachingData>;
  notes: (dealId: string | null) => Resource<NoteThread[]>;
  pulse: Resource<PulseData>;
  enps: (surveyId: string | null, periodStart: string | null) => Resource<EnpsResults>;
  team: Resource<TeamOverview[]>;
  preferences: Resource<Preferences>;
  hosts: Resource<CustomHostEntry[]>;
  shortcuts: Resource<BrowserShortcut[]>;
}

type Mocked<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? Mock<(...args: A) => R>
    : Mocked<T[K]>;
};
export type FakeActions = Mocked<WorkbenchActions>;

export function fakeActions(): FakeActions {
  const done = () => vi.fn(async () => undefined);
  return {
    syncNow: done(),
    openSignIn: vi.fn(),
    signOut: done(),
    notes: { create: done(), reply: done(), edit: done(), resolve: done(), delete: done() },
    prompts: { dismiss: done(), snooze: done(), create: done() },
    pulse: { respond: done(), snooze: done() },
    dismissRejection: done(),
    setPreferences: done(),
    addHost: vi.fn(async () => 'added' as const),
    removeHost: done(),
    openShortcutSettings: vi.fn(),
  } as unknown as FakeActions;
}

/** A rep with everything synced: the default world of the tests. */
export function defaultState(): FakeState {
  const byCrm = new Map(fx.deals.filter((d) => d.crmId).map((d) => [d.crmId!, d]));
  return {
    me: ok(fx.dana),
    sync: ok(fx.syncedStatus),
    inputs: (repId) => (repId === null ? ok(undefined as never) : ok(fx.danaInputs)),
    recordDeal: (crmId) => ok(crmId === null ? null : (byCrm.get(crmId) ?? null)),
    coaching: ok({ settings: fx.settings, managerPrompts: [fx.managerPrompt], promptStates: [] }),
    notes: (dealId) => ok(dealId === 'd-acme' ? fx.threads : []),
    pulse: ok({ surveys: [fx.survey], statuses: [] }),
    enps: () => ok(fx.enpsResults, { dataUpdatedAt: Date.parse('2026-08-14T10:00:00.000Z') }),
    team: ok(fx.teamOverview, { dataUpdatedAt: Date.parse('2026-08-14T09:00:00.000Z') }),
    preferences: ok({ ...DEFAULT_PREFERENCES, language: 'en' }),
    hosts: ok([{ pattern: 'https://crm.acme-internal.com/*', crm: 'salesforce' }]),
    shortcuts: ok([{ name: 'toggle-sidebar', shortcut: 'Alt+Shift+A' }]),
  };
}

export function fakeData(state: FakeState, actions: FakeActions = fakeActions()): WorkbenchData {
  return {
    useMe: () => state.me,
    useSyncStatus: () => state.sync,
    useStatementInputs: (repId) => state.inputs(repId),
    useRecordDeal: (crmId) => state.recordDeal(crmId),
    useCoaching: () => state.coaching,
    useNotes: (dealId) => state.notes(dealId),
    usePulse: () => state.pulse,
    useEnpsResults: (surveyId, periodStart) => state.enps(surveyId, periodStart),
    useTeamOverview: () => state.team,
    usePreferences: () => state.preferences,
    useCustomHosts: () => state.hosts,
    useBrowserShortcuts: () => state.shortcuts,
    useActions: () => actions as unknown as WorkbenchActions,
  };
}

export function fakeHost(
  record: RecordContext | null,
  sidebar?: SidebarLayout,
  publishEstimate?: WorkbenchHost['publishEstimate'],
): WorkbenchHost {
  return {
    record,
    now: () => fx.NOW,
    platform: 'other',
    ...(sidebar ? { sidebar } : {}),
    ...(publishEstimate ? { publishEstimate } : {}),
  };
}

export interface WorkbenchOptions {
  state?: Partial<FakeState>;
  record?: RecordContext | null;
  language?: Language;
  initialView?: string;
  sidebar?: SidebarLayout;
  publishEstimate?: WorkbenchHost['publishEstimate'];
  actions?: FakeActions;
}

export interface RenderedWorkbench extends RenderResult {
  actions: FakeActions;
  state: FakeState;
  /** Re-renders with another record context (a keystroke on the page, a navigation). */
  setRecord(record: RecordContext | null): void;
  /** Re-renders with changed data. */
  setState(state: Partial<FakeState>): void;
}

/** The whole sidebar, as the sidebar page renders it, on fake data. */
export function renderWorkbench(options: WorkbenchOptions = {}): RenderedWorkbench {
  const actions = options.actions ?? fakeActions();
  let state: FakeState = { ...defaultState(), ...options.state };
  if (options.language) {
    state.preferences = ok({ ...DEFAULT_PREFERENCES, language: options.language });
  }
  let record = options.record ?? null;
  // One data object per state, as the sidebar page has one: a new record alone re-renders
  // only what reads it.
  let data = fakeData(state, actions);
  const ui = () => (
    <WorkbenchRoot
      data={data}
      host={fakeHost(record, options.sidebar, options.publishEstimate)}
      themeRoot={document.documentElement}
      initialViewId={options.initialView ?? null}
    />
  );
  const result = render(ui());
  return {
    ...result,
    actions,
    get state() {
      return state;
    },
    setRecord(next) {
      record = next;
      result.rerender(ui());
    },
    setState(next) {
      state = { ...state, ...next };
      data = fakeData(state, actions);
      result.rerender(ui());
    },
  };
}

/** One presentational view (or container) inside the providers it needs. */
export function renderView(
  node: ReactNode,
  options: {
    language?: Language;
    state?: Partial<FakeState>;
    record?: RecordContext | null;
    actions?: FakeActions;
  } = {},
): RenderResult & { actions: FakeActions } {
  const actions = options.actions ?? fakeActions();
  const state = { ...defaultState(), ...options.state };
  const language = options.language ?? 'en';
  const result = render(
    <WorkbenchDataProvider data={fakeData(state, actions)}>
      <WorkbenchHostProvider host={fakeHost(options.record ?? null)}>
        <I18nProvider language={language} locale={language === 'id' ? 'id-ID' : 'en-US'}>
          <WorkbenchStateProvider>{node}</WorkbenchStateProvider>
        </I18nProvider>
      </WorkbenchHostProvider>
    </WorkbenchDataProvider>,
  );
  return { ...result, actions };
}

/**
 * axe-core over a rendered tree. jsdom computes no layout or colours, so `color-contrast`
 * is off (the themes' contrast is checked by hand: see components/README.md).
 */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const results = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
    ),
  ).toEqual([]);
}

/** Text with the non-breaking spaces Intl puts in figures turned into plain spaces. */
export function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u00a0\u202f\u2009]/g, ' ');
}
