import type { Problem, ProblemCode } from '../../lib/domain';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/I18nProvider';
import { Icon } from '../workbench/icons';

const PROBLEM_MESSAGES: Readonly<Record<ProblemCode, MessageKey>> = {
  invalid_plan: 'problem.invalid_plan',
  invalid_period: 'problem.invalid_period',
  plan_not_effective: 'problem.plan_not_effective',
  plan_partially_effective: 'problem.plan_partially_effective',
  no_quota: 'problem.no_quota',
  zero_quota: 'problem.zero_quota',
  conflicting_quotas: 'problem.conflicting_quotas',
  missing_fx_rate: 'problem.missing_fx_rate',
  conflicting_fx_rates: 'problem.conflicting_fx_rates',
  invalid_fx_rate: 'problem.invalid_fx_rate',
  invalid_quota: 'problem.invalid_quota',
  invalid_deal: 'problem.invalid_deal',
  duplicate_deal: 'problem.duplicate_deal',
};

/**
 * A statement's problems in the user's language. A problem about one deal names it (from
 * `dealNames`, else "a deal"); the engine's English wording is kept as the tooltip, so an
 * admin can still quote it exactly.
 */
export function ProblemList({
  problems,
  dealNames,
  label,
}: {
  problems: readonly Problem[];
  dealNames?: ReadonlyMap<string, string>;
  label?: string;
}) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" aria-label={label ?? t('problem.listLabel')}>
      {problems.map((p, i) => {
        const name = p.dealId ? dealNames?.get(p.dealId) : undefined;
        return (
          <li
            key={`${p.code}-${p.dealId ?? ''}-${i}`}
            className={`problem severity-${p.severity}`}
            title={p.message}
          >
            <Icon name={p.severity === 'error' ? 'warning' : 'info'} />
            <span>
              {t(PROBLEM_MESSAGES[p.code], {
                deal: name ? `“${name}”` : t('problem.aDeal'),
              })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
