import { useEffect } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { StatusItem } from '../../workbench/StatusBar';
import { useStableHost, type EstimateTone } from '../../workbench/WorkbenchHost';
import { useWorkbench } from '../../workbench/WorkbenchState';
import type { DealEstimate } from './estimate';
import { useDealEstimate } from './use-deal-estimate';

/** The pill's colour: a problem first, then the change against the deal as saved. */
export function estimateTone(e: DealEstimate): EstimateTone {
  if (e.problems.some((p) => p.severity === 'error')) return 'caution';
  if (e.change !== null && e.change > 0) return 'positive';
  if (e.change !== null && e.change < 0) return 'negative';
  return 'neutral';
}

/**
 * The live estimate in the status bar (opens This deal), also sent to the page's status
 * pill while the sidebar is on a deal.
 */
export function DealEstimateStatusItem() {
  const { t, f } = useI18n();
  const host = useStableHost();
  const workbench = useWorkbench();
  const state = useDealEstimate();
  const e = state.status === 'ready' && state.result.ok ? state.result.estimate : null;
  const pays = e ? f.money(e.pays, e.currency) : null;
  const tone = e ? estimateTone(e) : null;
  const publish = host.publishEstimate;

  useEffect(() => {
    if (!publish) return;
    publish(pays !== null && tone !== null ? { text: t('deal.pillText', { pays }), tone } : null);
  }, [publish, pays, tone, t]);
  useEffect(() => () => publish?.(null), [publish]);

  if (!e || pays === null) return null;
  return (
    <StatusItem
      icon="deal"
      label={t('deal.statusItem', { pays })}
      title={t('deal.statusItemTitle', { period: f.period(e.periodStart, e.periodEnd) })}
      onClick={() => workbench.openView('deal', 'view')}
    />
  );
}
