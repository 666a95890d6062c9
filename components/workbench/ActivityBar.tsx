import { useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { Icon } from './icons';
import type { RegisteredView } from './ViewRegistry';

export const tabId = (viewId: string) => `view-tab-${viewId}`;
export const panelId = (viewId: string) => `view-panel-${viewId}`;

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
  // Each view's badge hook: this component is keyed by view id, so the hook never changes.
  const badge = view.useBadge ? view.useBadge() : null;
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
      <div className="activity-group">{top.map(render)}</div>
      <div className="activity-group activity-bottom">{bottom.map(render)}</div>
    </div>
  );
}
