import type { ReactNode } from 'react';
import type { WorkbenchData } from '../../components/data-contract/types';
import { WorkbenchDataProvider } from '../../components/data-contract/WorkbenchDataProvider';
import { useI18n } from '../../components/i18n/I18nProvider';
import { LoadingState } from '../../components/shared/states';
import { PreferencesScope } from '../../components/workbench/WorkbenchRoot';
import type { OverlayStatus } from './overlay';

function NotInOverlay() {
  const { t } = useI18n();
  return (
    <div className="gate">
      <p className="empty-title">{t('sidebar.notInOverlay')}</p>
      <p>{t('sidebar.notInOverlayHelp')}</p>
    </div>
  );
}

/**
 * Shows no user data until the CRM page's own content script has answered on the overlay
 * port: a page that frames the sidebar by itself gets an explanation, nothing else.
 */
export function SidebarGate({
  status,
  data,
  children,
}: {
  status: OverlayStatus;
  data: WorkbenchData;
  children: ReactNode;
}) {
  if (status === 'ready') return <>{children}</>;
  return (
    <WorkbenchDataProvider data={data}>
      <PreferencesScope themeRoot={document.documentElement}>
        {status === 'connecting' ? <LoadingState /> : <NotInOverlay />}
      </PreferencesScope>
    </WorkbenchDataProvider>
  );
}
