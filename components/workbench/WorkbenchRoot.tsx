import { useEffect, type ReactNode } from 'react';
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

/** The whole sidebar: data, host, preferences, workbench state and the workbench. */
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
  return (
    <WorkbenchDataProvider data={data}>
      <WorkbenchHostProvider host={host}>
        <PreferencesScope themeRoot={themeRoot ?? null}>
          <WorkbenchStateProvider
            initialViewId={initialViewId ?? null}
            {...(onActiveViewChange ? { onActiveViewChange } : {})}
          >
            <Workbench {...(registry ? { registry } : {})} />
          </WorkbenchStateProvider>
        </PreferencesScope>
      </WorkbenchHostProvider>
    </WorkbenchDataProvider>
  );
}
