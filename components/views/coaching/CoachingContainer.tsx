import { useMemo } from 'react';
import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { ErrorState, LoadingState } from '../../shared/states';
import { useHost } from '../../workbench/WorkbenchHost';
import { useFocusTarget } from '../../workbench/WorkbenchState';
import { CoachingView } from './CoachingView';
import { useCoaching } from './use-coaching';

export function CoachingContainer() {
  const { t } = useI18n();
  const data = useWorkbenchData();
  const host = useHost();
  const actions = data.useActions();
  const me = data.useMe().data ?? null;
  const state = useCoaching();
  const titleRef = useFocusTarget<HTMLInputElement>('coaching.create');
  const dealNames = useMemo(
    () => new Map(state.status === 'ready' ? state.deals.map((d) => [d.id, d.name]) : []),
    [state],
  );

  if (state.status === 'none' || state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') {
    return <ErrorState what={t('coaching.readFailed')} error={state.error} onRetry={state.retry} />;
  }
  const { repId, recordDeal } = state;
  const managesRep = me !== null && me.role !== 'rep' && repId !== me.id;
  return (
    <CoachingView
      prompts={state.prompts}
      dealId={recordDeal?.id ?? null}
      dealNames={dealNames}
      now={host.now()}
      onDismiss={(id) => actions.prompts.dismiss(id)}
      onSnooze={(id, until) => actions.prompts.snooze(id, until)}
      create={
        managesRep
          ? {
              repName: null,
              dealAvailable: recordDeal !== null,
              titleRef,
              onCreate: (input) =>
                actions.prompts.create({
                  repId,
                  severity: input.severity,
                  title: input.title,
                  ...(input.detail ? { detail: input.detail } : {}),
                  ...(input.aboutDeal && recordDeal ? { dealId: recordDeal.id } : {}),
                }),
            }
          : null
      }
    />
  );
}
