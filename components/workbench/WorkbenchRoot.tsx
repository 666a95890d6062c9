import { memo, useCallback, useEffect, useRef, type ReactNode } from 'react';
import { WorkbenchDataProvider, useWorkbenchData } from '../data-contract/WorkbenchDataProvider';
import { DEFAULT_PREFERENCES, type WorkbenchData } from '../data-contract/types';
import { I18nProvider, resolveLocale } from '../i18n/I18nProvider';
import { useDocumentTheme, useResolvedTheme } from '../theme/ThemeProvider';
import { Workbench } from './Workbench';
import { WorkbenchHostProvider, type WorkbenchHost } from './WorkbenchHost';
import { WorkbenchStateProvider } from './WorkbenchState';
import type { ViewRegistry } from './ViewRegistry';

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return ['en-US'];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** Language, locale and theme from the user's preferences (defaults until they are read). */
export function PreferencesScope({
  themeRoot,
  children,
}: {
  /** The element `data-theme` is set on (the page's <html>); none in tests. */
  themeRoot?: HTMLElement | null;
  children: ReactNode;
}) {
  const data = useWorkbenchData();
  const preferences = data.usePreferences().data ?? DEFAULT_PREFERENCES;
  const me = data.useMe().data ?? null;
  const theme = useResolvedTheme(preferences.theme);
  useDocumentTheme(theme, themeRoot ?? null);
  const { language, locale } = resolveLocale(preferences.language, browserLanguages(), me?.locale);
  useEffect(() => {
    if (themeRoot) themeRoot.lang = language;
  }, [themeRoot, language]);
  return (
    <I18nProvider language={language} locale={locale}>
      {children}
    </I18nProvider>
  );
}

interface TreeProps {
  data: WorkbenchData;
  registry: ViewRegistry | undefined;
  themeRoot: HTMLElement | null;
  initialViewId: string | null;
  onActiveViewChange: (id: string) => void;
}

/** Everything under the host: not re-rendered when only the record changes. */
const WorkbenchTree = memo(function WorkbenchTree({
  data,
  registry,
  themeRoot,
  initialViewId,
  onActiveViewChange,
}: TreeProps) {
  return (
    <WorkbenchDataProvider data={data}>
      <PreferencesScope themeRoot={themeRoot}>
        <WorkbenchStateProvider
          initialViewId={initialViewId}
          onActiveViewChange={onActiveViewChange}
        >
          <Workbench {...(registry ? { registry } : {})} />
        </WorkbenchStateProvider>
      </PreferencesScope>
    </WorkbenchDataProvider>
  );
});

/**
 * The whole sidebar: data, host, preferences, workbench state and the workbench. A new `host`
 * for a new record (each keystroke on the page) re-renders only what reads the record.
 */
export function WorkbenchRoot({
  data,
  host,
  registry,
  themeRoot,
  initialViewId,
  onActiveViewChange,
}: {
  data: WorkbenchData;
  host: WorkbenchHost;
  registry?: ViewRegistry;
  themeRoot?: HTMLElement | null;
  initialViewId?: string | null;
  onActiveViewChange?: (id: string) => void;
}) {
  // The page may pass a new callback on every render: the latest one is called.
  const onChange = useRef(onActiveViewChange);
  onChange.current = onActiveViewChange;
  const activeViewChanged = useCallback((id: string) => onChange.current?.(id), []);
  return (
    <WorkbenchHostProvider host={host}>
      <WorkbenchTree
        data={data}
        registry={registry}
        themeRoot={themeRoot ?? null}
        initialViewId={initialViewId ?? null}
        onActiveViewChange={activeViewChanged}
      />
    </WorkbenchHostProvider>
  );
}
