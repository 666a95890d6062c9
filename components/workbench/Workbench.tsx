import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useWorkbenchData } from '../data-contract/WorkbenchDataProvider';
import { DEFAULT_PREFERENCES } from '../data-contract/types';
import { useI18n } from '../i18n/I18nProvider';
import { actionErrorText } from '../shared/action-error';
import { ErrorState, LoadingState, OfflineBanner } from '../shared/states';
import { ActivityBar, panelId } from './ActivityBar';
import { CommandPalette, type PaletteEntry } from './CommandPalette';
import type { CommandContext, QuickStep } from './commands';
import { useContextKeys } from './context-keys';
import { coreCommands } from './core-commands';
import { Icon } from './icons';
import {
  ariaKeyshortcuts,
  formatKeybinding,
  isTextEntry,
  keybindingParts,
  matchesKeybinding,
} from './keybindings';
import { PALETTE_KEYBINDING, viewKeybinding } from './shortcuts';
import { StatusBar } from './StatusBar';
import {
  isVisible,
  prepareCommand,
  RegistryProvider,
  useRegistryVersion,
  viewRegistry,
  type RegisteredCommand,
  type RegisteredView,
  type ViewRegistry,
} from './ViewRegistry';
import { useStableHost } from './WorkbenchHost';
import { useFocusTarget, useWorkbench, useWorkbenchState } from './WorkbenchState';

const CORE_COMMANDS = coreCommands.map(prepareCommand);

/** Re-renders every `ms` so relative times ("3 minutes ago") stay true. */
function useTick(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

function ViewPane({ view, banners }: { view: RegisteredView; banners: ReactNode }) {
  const { t } = useI18n();
  const focusRef = useFocusTarget<HTMLElement>('view');
  const Component = view.component;
  return (
    <section
      ref={focusRef}
      className="view-pane"
      role="tabpanel"
      id={panelId(view.id)}
      aria-labelledby={`${panelId(view.id)}-title`}
      tabIndex={-1}
      data-view={view.id}
    >
      <header className="view-header">
        <h1 id={`${panelId(view.id)}-title`}>{t(view.title)}</h1>
      </header>
      {banners}
      <div className="view-body">
        <Component />
      </div>
    </section>
  );
}

/**
 * The workbench: activity bar, the active view, status bar and command palette. Views come
 * from the registry and show while their `when` clause holds.
 */
export function Workbench({ registry = viewRegistry }: { registry?: ViewRegistry }) {
  useTick(30_000);
  const i18n = useI18n();
  const { t } = i18n;
  const data = useWorkbenchData();
  // Not re-rendered by the record: commands read `host.record` when they run.
  const host = useStableHost();
  const state = useWorkbenchState();
  const workbench = useWorkbench();
  const keys = useContextKeys();
  const me = data.useMe();
  const sync = data.useSyncStatus().data;
  const preferences = data.usePreferences().data ?? DEFAULT_PREFERENCES;
  const browserShortcuts = data.useBrowserShortcuts().data ?? [];
  const actions = data.useActions();
  const [notice, setNotice] = useState<string | null>(null);
  // A command run by its shortcut that needs a second step continues in the palette.
  const [paletteStep, setPaletteStep] = useState<QuickStep | null>(null);
  const now = host.now();

  // Views may register after the first paint (the sidebar loads most of them then).
  const registered = useRegistryVersion(registry);
  const allViews = useMemo(() => registry.all(), [registry, registered]);
  const visible = useMemo(() => registry.visible(keys), [registry, keys, registered]);
  const active =
    visible.find((v) => v.id === state.activeViewId) ??
    visible.find((v) => v.placement === 'top') ??
    visible[0] ??
    null;

  const context: CommandContext = useMemo(
    () => ({ workbench, actions, keys, host, i18n, preferences, browserShortcuts }),
    [workbench, actions, keys, host, i18n, preferences, browserShortcuts],
  );

  const commands = useMemo(() => {
    const openView: RegisteredCommand[] = [];
    allViews.forEach((view) => {
      if (!visible.includes(view)) return;
      const keybinding = viewKeybinding(view);
      openView.push({
        id: `view.open.${view.id}`,
        title: view.title,
        category: 'command.category.openView',
        ...(keybinding ? { keybinding } : {}),
        whenExpr: null,
        run: (ctx: CommandContext) => ctx.workbench.openView(view.id, 'view'),
      });
    });
    return [...CORE_COMMANDS, ...registry.commands(), ...openView].filter(
      (c) => isVisible(c, keys) && (c.isEnabled?.(context) ?? true),
    );
  }, [allViews, visible, registry, keys, context]);

  const reportError = useCallback((error: unknown) => setNotice(actionErrorText(error, t)), [t]);

  const paletteEntries: PaletteEntry[] = commands.map((c) => {
    const browser = c.browserShortcut?.(context) ?? null;
    return {
      id: c.id,
      label: `${t(c.category)}: ${t(c.title)}`,
      shortcut: c.keybinding
        ? keybindingParts(c.keybinding, host.platform)
        : browser
          ? browser.split('+')
          : null,
      run: () => c.run(context),
    };
  });

  // Shortcuts inside the sidebar document.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      // While the palette is open it handles its own keys (Ctrl/⌘+K closes it there).
      if (state.paletteOpen || event.defaultPrevented) return;
      if (matchesKeybinding(event, PALETTE_KEYBINDING, host.platform)) {
        event.preventDefault();
        workbench.setPaletteOpen(true);
        return;
      }
      const typing = isTextEntry(event.target);
      for (const command of commands) {
        if (!command.keybinding || !matchesKeybinding(event, command.keybinding, host.platform)) {
          continue;
        }
        if (typing && !command.keybinding.mod) continue;
        event.preventDefault();
        try {
          const result = command.run(context);
          if (result instanceof Promise) result.catch(reportError);
          else if (result) {
            setPaletteStep(result);
            workbench.setPaletteOpen(true);
          }
        } catch (error) {
          reportError(error);
        }
        return;
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [commands, context, host.platform, state.paletteOpen, workbench, reportError]);

  const viewShortcuts: Record<string, { text: string; aria: string }> = {};
  allViews.forEach((view) => {
    const binding = viewKeybinding(view);
    if (binding) {
      viewShortcuts[view.id] = {
        text: formatKeybinding(binding, host.platform),
        aria: ariaKeyshortcuts(binding, host.platform),
      };
    }
  });

  const banners = (
    <>
      {keys['user.signedIn'] && sync && !sync.online ? <OfflineBanner /> : null}
      {notice ? (
        <div className="banner banner-error" role="alert">
          <Icon name="error" />
          <span>{notice}</span>
          <button
            type="button"
            className="icon-button"
            aria-label={t('action.dismiss')}
            onClick={() => setNotice(null)}
          >
            <Icon name="close" />
          </button>
        </div>
      ) : null}
    </>
  );

  let pane;
  if (me.data === undefined && me.status === 'pending') pane = <LoadingState />;
  else if (me.data === undefined && me.status === 'error') {
    pane = <ErrorState what={t('state.meFailed')} error={me.error} onRetry={me.refetch} />;
  } else if (active) pane = <ViewPane key={active.id} view={active} banners={banners} />;
  else pane = null;

  const statusItems = visible
    .filter((v) => v.statusItem)
    .map((v) => {
      const Item = v.statusItem!;
      return <Item key={v.id} />;
    });

  return (
    <RegistryProvider value={registry}>
      <div className="workbench" data-side={host.sidebar?.side ?? 'right'}>
        <div className="workbench-main">
          <ActivityBar
            views={visible}
            activeId={active?.id ?? null}
            shortcuts={viewShortcuts}
            onSelect={(id) => workbench.openView(id)}
          />
          <div className="workbench-pane">{pane}</div>
        </div>
        <StatusBar
          sync={sync}
          now={now}
          paletteShortcut={{
            keys: keybindingParts(PALETTE_KEYBINDING, host.platform),
            aria: ariaKeyshortcuts(PALETTE_KEYBINDING, host.platform),
          }}
          items={statusItems}
          onSyncClick={() =>
            keys['user.signedIn']
              ? workbench.openView('settings', 'settings.sync')
              : actions.openSignIn()
          }
          onPaletteClick={() => workbench.setPaletteOpen(true)}
        />
        {state.paletteOpen ? (
          <CommandPalette
            entries={paletteEntries}
            initialStep={paletteStep}
            onClose={() => {
              setPaletteStep(null);
              workbench.setPaletteOpen(false);
            }}
            onError={reportError}
          />
        ) : null}
      </div>
    </RegistryProvider>
  );
}
