import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { useFocusTarget, useWorkbench } from '../../workbench/WorkbenchState';
import { DealView, NotYourDealView } from './DealView';
import { WhatIfField } from './WhatIfField';
import { useDealEstimate } from './use-deal-estimate';

/** This deal: the live estimate for the deal record beside the sidebar. */
export function DealContainer() {
  const { t } = useI18n();
  const data = useWorkbenchData();
  const actions = data.useActions();
  const workbench = useWorkbench();
  const me = data.useMe().data ?? null;
  const state = useDealEstimate();
  const whatIfRef = useFocusTarget<HTMLInputElement>('deal.whatIf');

  if (state.status === 'none') {
    return (
      <EmptyState title={t('deal.noRecord')}>
        <p>{t('deal.noRecordHelp')}</p>
      </EmptyState>
    );
  }
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') {
    return <ErrorState what={t('deal.readFailed')} error={state.error} onRetry={state.retry} />;
  }
  if (state.status === 'notMine') {
    return (
      <NotYourDealView
        dealName={state.record.fields.recordName ?? ''}
        ownerName={state.ownerName}
        manager={state.manager}
      />
    );
  }
  const { record, synced, result, whatIfAmount } = state;
  const setWhatIf = (amount: number | null) => workbench.setWhatIf(record.recordId, amount);
  if (!result.ok) {
    if (result.reason === 'noPlan') {
      return (
        <EmptyState
          title={t('numbers.noPlan')}
          action={
            <button
              type="button"
              className="button secondary"
              onClick={() => void actions.syncNow()}
            >
              {t('command.syncNow')}
            </button>
          }
        >
          <p>{t('numbers.noPlanHelp')}</p>
        </EmptyState>
      );
    }
    return (
      <EmptyState title={t('deal.noAmount')}>
        <p>{t('deal.noAmountHelp')}</p>
        <WhatIfField
          amount={whatIfAmount}
          currency={record.fields.currency ?? synced?.currency ?? ''}
          onChange={setWhatIf}
          inputRef={whatIfRef}
        />
      </EmptyState>
    );
  }
  return (
    <DealView
      dealName={record.fields.recordName ?? synced?.name ?? ''}
      estimate={result.estimate}
      plan={result.estimate.plan}
      fields={record.fields}
      forOwner={me !== null && result.estimate.repId !== me.id}
      whatIfAmount={whatIfAmount}
      onWhatIfChange={setWhatIf}
      whatIfRef={whatIfRef}
    />
  );
}
