import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { DataAge, EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { useHost } from '../../workbench/WorkbenchHost';
import { useWorkbench } from '../../workbench/WorkbenchState';
import { TeamView } from './TeamView';

export function TeamContainer() {
  const { t } = useI18n();
  const data = useWorkbenchData();
  const host = useHost();
  const workbench = useWorkbench();
  const me = data.useMe().data ?? null;
  const sync = data.useSyncStatus().data;
  const isManager = me?.role === 'manager' || me?.role === 'admin';
  const overview = data.useTeamOverview(isManager);

  if (!overview.data) {
    if (sync && !sync.online) {
      return (
        <EmptyState title={t('team.offline')}>
          <p>{t('team.offlineHelp')}</p>
        </EmptyState>
      );
    }
    if (overview.status === 'error') {
      return (
        <ErrorState what={t('team.readFailed')} error={overview.error} onRetry={overview.refetch} />
      );
    }
    return <LoadingState label={t('team.loading')} />;
  }
  if (overview.data.length === 0) {
    return (
      <EmptyState title={t('team.noTeams')}>
        <p>{t('team.noTeamsHelp')}</p>
      </EmptyState>
    );
  }
  return (
    <>
      <TeamView
        teams={overview.data}
        onOpenRep={(rep) => {
          workbench.showRepNumbers(rep);
          workbench.openView('numbers', 'view');
        }}
      />
      {overview.status === 'error' ? (
        <ErrorState
          what={t('team.refreshFailed')}
          error={overview.error}
          onRetry={overview.refetch}
        />
      ) : null}
      <DataAge updatedAt={overview.dataUpdatedAt} now={host.now()} />
    </>
  );
}
