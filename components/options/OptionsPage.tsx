import { useCallback, useEffect, useState } from 'react';
import { useWorkbenchData } from '../data-contract/WorkbenchDataProvider';
import { useI18n } from '../i18n/I18nProvider';
import { ErrorState, LoadingState } from '../shared/states';
import { SettingsContainer } from '../views/settings/SettingsContainer';
import { Icon } from '../workbench/icons';
import type { AccountConfig, AccountService } from './account';
import { SignInSection } from './SignInSection';

/**
 * The options page: the Settings view's sections as a page of their own, themed and translated
 * like the sidebar. Signed out (or switching server or account), its account section is the
 * sign-in form; the sidebar's "Sign in" opens this page.
 */
export function OptionsPage({ account }: { account: AccountService }) {
  const { t } = useI18n();
  const data = useWorkbenchData();
  const me = data.useMe();
  const sync = data.useSyncStatus().data;
  const [config, setConfig] = useState<AccountConfig | null>(null);
  const [configError, setConfigError] = useState<Error | null>(null);
  const [switching, setSwitching] = useState(false);

  const load = useCallback(async () => {
    try {
      setConfig(await account.config());
      setConfigError(null);
    } catch (e) {
      setConfigError(e instanceof Error ? e : new Error(String(e)));
    }
  }, [account]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    document.title = t('options.pageTitle');
  }, [t]);

  const signedIn = me.data !== null && me.data !== undefined;
  // A session that ended by itself (token expired or revoked), not a sign-out.
  const expired = !signedIn && sync?.error?.code === 'unauthorized';
  const signInForm = config ? (
    <SignInSection
      config={config}
      account={account}
      expired={expired}
      onSignedIn={() => {
        setSwitching(false);
        void load();
      }}
      {...(signedIn ? { onCancel: () => setSwitching(false) } : {})}
    />
  ) : configError ? (
    <ErrorState what={t('options.configFailed')} error={configError} onRetry={() => void load()} />
  ) : (
    <LoadingState />
  );

  return (
    <main className="options" aria-labelledby="options-title">
      <header className="options-header">
        <h1 id="options-title" className="options-title">
          <Icon name="graph" size={20} /> {t('options.title')}
        </h1>
        <p className="muted">{t('options.subtitle')}</p>
      </header>
      {me.data === undefined ? (
        me.status === 'error' ? (
          <ErrorState what={t('state.meFailed')} error={me.error} onRetry={me.refetch} />
        ) : (
          <LoadingState />
        )
      ) : (
        <SettingsContainer
          {...(!signedIn || switching ? { account: signInForm } : {})}
          onSignIn={() => setSwitching(true)}
        />
      )}
    </main>
  );
}
