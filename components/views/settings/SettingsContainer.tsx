import { useState, type ReactNode } from 'react';
import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import { DEFAULT_PREFERENCES } from '../../data-contract/types';
import { useI18n } from '../../i18n/I18nProvider';
import { actionErrorText } from '../../shared/action-error';
import { useHost } from '../../workbench/WorkbenchHost';
import { useFocusTarget } from '../../workbench/WorkbenchState';
import { listShortcuts } from '../../workbench/shortcuts';
import { useRegistry } from '../../workbench/ViewRegistry';
import { SettingsView } from './SettingsView';

export function SettingsContainer({
  account,
  onSignIn,
}: {
  /** Replaces the account section (the options page shows its sign-in form there). */
  account?: ReactNode;
  /** "Change server or account…": the options page by default. */
  onSignIn?: () => void;
} = {}) {
  const { t } = useI18n();
  const data = useWorkbenchData();
  const host = useHost();
  const registry = useRegistry();
  const actions = data.useActions();
  const me = data.useMe().data ?? null;
  const sync = data.useSyncStatus().data;
  const preferences = data.usePreferences().data ?? DEFAULT_PREFERENCES;
  const browserShortcuts = data.useBrowserShortcuts().data ?? [];
  const hosts = data.useCustomHosts().data ?? [];
  const syncHeadingRef = useFocusTarget<HTMLHeadingElement>('settings.sync');
  const [error, setError] = useState<string | null>(null);

  return (
    <>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <SettingsView
        me={me}
        sync={sync}
        preferences={preferences}
        hosts={hosts}
        sidebar={host.sidebar ?? null}
        shortcuts={listShortcuts(registry, host.platform, t, browserShortcuts)}
        now={host.now()}
        onSignIn={onSignIn ?? actions.openSignIn}
        onSignOut={(clearLocalData) => actions.signOut({ clearLocalData })}
        onSyncNow={actions.syncNow}
        onDismissRejection={actions.dismissRejection}
        onChange={(patch) => {
          setError(null);
          actions.setPreferences(patch).catch((e: unknown) => setError(actionErrorText(e, t)));
        }}
        onAddHost={actions.addHost}
        onRemoveHost={actions.removeHost}
        onChangeBrowserShortcuts={actions.openShortcutSettings}
        syncHeadingRef={syncHeadingRef}
        account={account}
      />
    </>
  );
}
