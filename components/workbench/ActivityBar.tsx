import {
  createContext,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { Icon } from './icons';
import type { RegisteredView, ViewBadge } from './ViewRegistry';
import { RecordKeyScope } from './WorkbenchHost';

export const tabId = (viewId: string) => `view-tab-${viewId}`;
export const panelId = (viewId: string) => `view-panel-${viewId}`;

/** Whether the activity bar computes its badges yet (see `BadgesAfter`). */
const BadgesShown = createContext(true);

/** The next idle moment (a task later where `requestIdleCallback` is missing). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}

/**
 * Holds back the activity bar's badges until `ready` has resolved and the browser is next idle:
 * a badge may be dear to compute (Coaching's evaluates the rep's statements, KPIs and coaching
 * rules), and the page's first paint should not wait for it. The sidebar passes its first
 * paint; what the badges show is unchanged, only when. Without it, badges show at once.
 */
export function BadgesAfter({ ready, children }: { ready: Promise<unknown>; children: ReactNode }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let live = true;
    void ready.then(whenIdle).then(() => {
      if (live) setShown(true);
    });
    return () => {
      live = false;
    };
  }, [ready]);
  return <BadgesShown.Provider value={shown}>{children}</BadgesShown.Provider>;
}

/** Calls a view's badge hook and hands its value up (rendered only once badges are shown). */
function BadgeProbe({
  useBadge,
  onBadge,
}: {
  useBadge: () => ViewBadge | null;
  onBadge(badge: ViewBadge | null): void;
}) {
  // The hook never changes for a tab: tabs are keyed by view id.
  const badge = useBadge();
  const count = badge?.count;
  const label = badge?.label;
  const tone = badge?.tone;
  useLayoutEffect(() => {
    onBadge(
      count === undefined || label === undefined
        ? null
        : { count, label, ...(tone ? { tone } : {}) },
    );
  }, [count, label, tone, onBadge]);
  return null;
}

function ActivityTab({
  view,
  selected,
  shortcut,
  onSelect,
  onKeyDown,
}: {
  view: RegisteredView;
  selected: boolean;
  shortcut: { text: string; aria: string } | null;
  onSelect(): void;
  onKeyDown(event: KeyboardEvent<HTMLButtonElement>): void;
}) {
  const { t } = useI18n();
  // Each view's badge, from its hook (called by BadgeProbe once badges are shown).
  const [badge, setBadge] = useState<ViewBadge | null>(null);
  const probe = useContext(BadgesShown) && view.useBadge;
  const title = t(view.title);
  const badgeText = badge && badge.count > 0 ? t(badge.label, { count: badge.count }) : null;
  return (
    <button
      type="button"
      role="tab"
      id={tabId(view.id)}
      aria-selected={selected}
      aria-controls={selected ? panelId(view.id) : undefined}
      aria-label={badgeText ? `${title}, ${badgeText}` : title}
      title={shortcut ? `${title} (${shortcut.text})` : title}
      aria-keyshortcuts={shortcut?.aria}
      tabIndex={selected ? 0 : -1}
      className={selected ? 'activity-tab selected' : 'activity-tab'}
      data-view={view.id}
      onClick={onSelect}
      onKeyDown={onKeyDown}
    >
      <Icon name={view.icon} size={22} />
      {badge && badge.count > 0 ? (
        <span className={`activity-badge tone-${badge.tone ?? 'accent'}`} aria-hidden="true">
          {badge.count > 99 ? '99+' : badge.count}
        </span>
      ) : null}
      {probe ? <BadgeProbe useBadge={probe} onBadge={setBadge} /> : null}
    </button>
  );
}

/**
 * The activity bar: a vertical tablist of the views whose `when` clause holds. ↑/↓ move
 * between views and show them (Home/End: first/last); only the selected tab is in the Tab
 * order, as in VS Code.
 */
export function ActivityBar({
  views,
  activeId,
  shortcuts,
  onSelect,
}: {
  views: readonly RegisteredView[];
  activeId: string | null;
  /** Each tab's shortcut, by view id: shown in its tooltip and given to assistive technology. */
  shortcuts: Readonly<Record<string, { text: string; aria: string }>>;
  onSelect(id: string): void;
}) {
  const { t } = useI18n();
  const bar = useRef<HTMLDivElement>(null);

  function focusTab(index: number) {
    const view = views[(index + views.length) % views.length];
    if (!view) return;
    onSelect(view.id);
    bar.current?.querySelector<HTMLElement>(`#${tabId(view.id)}`)?.focus();
  }

  function onKeyDown(index: number, event: KeyboardEvent<HTMLButtonElement>) {
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusTab(index + 1),
      ArrowUp: () => focusTab(index - 1),
      Home: () => focusTab(0),
      End: () => focusTab(views.length - 1),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  }

  const top = views.filter((v) => v.placement === 'top');
  const bottom = views.filter((v) => v.placement === 'bottom');
  const render = (view: RegisteredView) => (
    <ActivityTab
      key={view.id}
      view={view}
      selected={view.id === activeId}
      shortcut={shortcuts[view.id] ?? null}
      onSelect={() => onSelect(view.id)}
      onKeyDown={(e) => onKeyDown(views.indexOf(view), e)}
    />
  );
  return (
    <div
      ref={bar}
      className="activity-bar"
      role="tablist"
      aria-orientation="vertical"
      aria-label={t('workbench.activityBar')}
    >
      {/* Badges do not follow what is typed on the page (see RecordKeyScope). */}
      <RecordKeyScope>
        <div className="activity-group">{top.map(render)}</div>
        <div className="activity-group activity-bottom">{bottom.map(render)}</div>
      </RecordKeyScope>
    </div>
  );
}
