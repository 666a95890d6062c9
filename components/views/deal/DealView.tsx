import { useEffect, useState, type Ref } from 'react';
import type { Plan, StatementLine } from '../../../lib/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { ProblemList } from '../../shared/ProblemList';
import { EmptyState } from '../../shared/states';
import { Icon } from '../../workbench/icons';
import type { LiveDealFields } from '../../workbench/WorkbenchHost';
import type { DealEffect, DealEstimate } from './estimate';
import { tierRangeLabel } from './explain';
import { WhatIfField } from './WhatIfField';

export interface DealViewProps {
  /** The record's name as the CRM shows it (rendered as text). */
  dealName: string;
  estimate: DealEstimate;
  plan: Plan;
  /** The page's values, shown as what the estimate used. */
  fields: LiveDealFields;
  /** The estimate is for the deal's owner, not the user (a manager looking at a rep's deal). */
  forOwner: boolean;
  whatIfAmount: number | null;
  onWhatIfChange(amount: number | null): void;
  whatIfRef?: Ref<HTMLInputElement>;
}

/** `value`, once it has not changed for `ms`. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function Money({
  amount,
  currency,
  signed,
}: {
  amount: number;
  currency: string;
  signed?: boolean;
}) {
  const { f } = useI18n();
  return <span className="amount">{f.money(amount, currency, { signed: signed ?? false })}</span>;
}

function LineExplanation({
  line,
  plan,
  currency,
}: {
  line: StatementLine;
  plan: Plan;
  currency: string;
}) {
  const i18n = useI18n();
  const { t, f } = i18n;
  if (line.kind === 'spiff') {
    const spiff = plan.spiffs.find((s) => s.id === line.spiffId);
    return (
      <li className="explain-line">
        <div className="explain-head">
          <span>{t('deal.spiffLine', { name: spiff?.name ?? line.spiffId ?? '' })}</span>
          <Money amount={line.amount} currency={currency} />
        </div>
        <p className="explain-detail">
          {spiff?.rate !== undefined
            ? t('deal.spiffRate', {
                rate: f.percent(spiff.rate, { maxDigits: 2 }),
                credit: f.money(line.credit ?? 0, currency),
              })
            : t('deal.spiffFixed')}
        </p>
      </li>
    );
  }
  const slices = line.slices ?? [];
  const slicesTotal = slices.reduce((sum, s) => sum + s.amount, 0);
  const capped = plan.caps?.perDeal !== undefined && line.amount < slicesTotal - 1e-9;
  return (
    <li className="explain-line">
      <div className="explain-head">
        <span>{t('deal.dealLine', { credit: f.money(line.credit ?? 0, currency) })}</span>
        <Money amount={line.amount} currency={currency} />
      </div>
      {slices.length === 0 ? (
        <p className="explain-detail">{t('deal.noCredit')}</p>
      ) : (
        <ul className="explain-slices">
          {slices.map((s) => (
            <li key={s.tier}>
              <span>
                {t('deal.slice', {
                  credit: f.money(s.credit, currency),
                  rate: f.percent(s.rate, { maxDigits: 2 }),
                  tier: s.tier,
                  range: tierRangeLabel(plan, s.tier, i18n),
                })}
              </span>
              <Money amount={s.amount} currency={currency} />
            </li>
          ))}
        </ul>
      )}
      {plan.tierMode === 'retroactive' && slices.length > 0 ? (
        <p className="explain-detail">{t('deal.retroactive')}</p>
      ) : null}
      {capped ? (
        <p className="explain-detail">
          {t('deal.perDealCap', { cap: f.money(plan.caps!.perDeal!, currency) })}
        </p>
      ) : null}
    </li>
  );
}

/**
 * What the deal moves in the rest of the period's statement, with the reason: the lines that
 * make what it pays add up to more (or less) than its own lines.
 */
function EffectExplanation({
  effect,
  plan,
  tierAfter,
  currency,
}: {
  effect: DealEffect;
  plan: Plan;
  tierAfter: number | null;
  currency: string;
}) {
  const { t, f } = useI18n();
  const draw = f.money(plan.draw?.amount ?? 0, currency);
  let label: string;
  let detail: string | null;
  switch (effect.cause) {
    case 'otherDeals':
      label = t('deal.effect.otherDeals');
      detail =
        plan.tierMode === 'marginal'
          ? t('deal.effect.otherDeals.marginal')
          : tierAfter === null
            ? t('deal.retroactive')
            : t('deal.effect.otherDeals.retroactive', { tier: tierAfter });
      break;
    case 'periodCap':
      label = t('deal.effect.periodCap');
      detail = t('deal.periodCap', { cap: f.money(plan.caps?.perPeriod ?? 0, currency) });
      break;
    case 'draw':
      label = t('deal.effect.draw');
      detail = t('deal.effect.draw.detail', { draw });
      break;
    case 'recovery':
      label = t('deal.effect.recovery');
      detail = t('deal.effect.recovery.detail', { draw });
      break;
    default:
      label = t('deal.effect.other');
      detail = null;
  }
  return (
    <li className="explain-line">
      <div className="explain-head">
        <span>{label}</span>
        <Money amount={effect.amount} currency={currency} signed />
      </div>
      {detail ? <p className="explain-detail">{detail}</p> : null}
    </li>
  );
}

/**
 * Someone else's deal beside the sidebar: who owns it, and that Attain estimates the user's own
 * deals only (a manager: their team's, once the rep's plan has synced). No figure at all.
 */
export function NotYourDealView({
  dealName,
  ownerName,
  manager,
}: {
  dealName: string;
  /** As the page shows it; null when it shows none. */
  ownerName: string | null;
  manager: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="deal">
      {dealName ? (
        <p className="record-name" title={dealName}>
          {dealName}
        </p>
      ) : null}
      <EmptyState
        title={
          ownerName ? t('deal.notMine.title', { owner: ownerName }) : t('deal.notMine.someone')
        }
      >
        <p>{t('deal.notMine.body')}</p>
        {manager ? <p>{t('deal.notMine.managerBody')}</p> : null}
      </EmptyState>
    </div>
  );
}

/** This deal: what it pays if it closes won in its period, why, and a what-if amount. */
export function DealView(props: DealViewProps) {
  const { t, f } = useI18n();
  const { estimate: e, plan, fields } = props;
  const cur = e.currency;
  const dealLines = e.lines.filter((l) => l.kind === 'deal');
  const spiffLines = e.lines.filter((l) => l.kind === 'spiff');
  const dealCurrency = e.deal.currency;
  const tierChanged = e.tierBefore !== e.tierAfter;
  const announced = useSettled(t('deal.announce', { pays: f.money(e.pays, cur) }), 700);

  return (
    <div className="deal">
      <p className="record-name" title={props.dealName}>
        {props.dealName || t('deal.unnamed')}
      </p>
      {!e.synced ? (
        <p className="note">
          <Icon name="info" /> {t('deal.notSynced')}
        </p>
      ) : null}
      {props.forOwner ? <p className="note">{t('deal.forOwner')}</p> : null}

      <section className="card estimate" aria-labelledby="deal-pays">
        <h2 id="deal-pays" className="card-title">
          {t('deal.paysTitle')}
        </h2>
        <p className="big-figure">{f.money(e.pays, cur)}</p>
        {/* Said once the figure settles, not on every keystroke. */}
        <p className="visually-hidden" role="status">
          {announced}
        </p>
        <p className="muted">
          {t('deal.ifWonIn', { period: f.period(e.periodStart, e.periodEnd) })}
        </p>
        {e.change !== null ? (
          <p className={e.change === 0 ? 'change' : e.change > 0 ? 'change up' : 'change down'}>
            {e.change === 0
              ? t('deal.changeNone')
              : t('deal.change', { change: f.money(e.change, cur, { signed: true }) })}
          </p>
        ) : null}
        <p className="tiers">
          {e.tierBefore === null || e.tierAfter === null
            ? t('deal.tierUnknown')
            : tierChanged
              ? t('deal.tierMove', { before: e.tierBefore, after: e.tierAfter })
              : t('deal.tierSame', { tier: e.tierAfter })}
          {e.attainmentBefore !== null && e.attainmentAfter !== null ? (
            <span className="muted">
              {' '}
              {t('deal.attainmentMove', {
                before: f.percent(e.attainmentBefore),
                after: f.percent(e.attainmentAfter),
              })}
            </span>
          ) : null}
        </p>
      </section>

      <ProblemList problems={e.problems} dealNames={new Map([[e.deal.id, props.dealName]])} />

      <section className="card" aria-labelledby="deal-why">
        <h2 id="deal-why" className="card-title">
          {t('deal.whyTitle')}
        </h2>
        {dealCurrency !== cur ? (
          <p className="explain-detail">
            {t('deal.converted', { amount: f.money(e.deal.amount, dealCurrency), currency: cur })}
          </p>
        ) : null}
        {e.lines.length === 0 ? <p className="muted">{t('deal.noLines')}</p> : null}
        {e.lines.length > 0 || e.effects.length > 0 ? (
          <ul className="explain">
            {dealLines.map((line, i) => (
              <LineExplanation key={`d${i}`} line={line} plan={plan} currency={cur} />
            ))}
            {spiffLines.map((line, i) => (
              <LineExplanation key={`s${i}`} line={line} plan={plan} currency={cur} />
            ))}
            {e.effects.map((effect) => (
              <EffectExplanation
                key={effect.cause}
                effect={effect}
                plan={plan}
                tierAfter={e.tierAfter}
                currency={cur}
              />
            ))}
          </ul>
        ) : null}
        {e.effects.length > 0 ? (
          <p className="explain-total">
            <span>{t('deal.effect.total')}</span>
            <Money amount={e.pays} currency={cur} />
          </p>
        ) : null}
        {e.capLine && !e.effects.some((effect) => effect.cause === 'periodCap') ? (
          <p className="explain-detail">
            {t('deal.periodCap', { cap: f.money(plan.caps?.perPeriod ?? 0, cur) })}
          </p>
        ) : null}
        <h3 className="subhead">{t('deal.spiffsTitle')}</h3>
        {spiffLines.length === 0 ? (
          <p className="muted">{t('deal.noSpiffs')}</p>
        ) : (
          <ul className="plain-list">
            {spiffLines.map((line, i) => (
              <li key={i}>
                {plan.spiffs.find((s) => s.id === line.spiffId)?.name ?? line.spiffId}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="deal-values">
        <h2 id="deal-values" className="card-title">
          {t('deal.valuesTitle')}
        </h2>
        <dl className="values">
          <div>
            <dt>{t('deal.amount')}</dt>
            <dd>
              {f.money(e.deal.amount, dealCurrency)}{' '}
              <span className="source">{t(`deal.source.${e.amountSource}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('deal.stage')}</dt>
            <dd>{e.deal.stage || t('numbers.none')}</dd>
          </div>
          <div>
            <dt>{t('deal.closeDate')}</dt>
            <dd>
              {f.date(e.deal.closeDate)}
              {e.closeDateAssumed ? (
                <span className="source"> {t('deal.closeDateAssumed')}</span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t('deal.probability')}</dt>
            <dd>
              {fields.probability === null && e.deal.probability === undefined
                ? t('numbers.none')
                : f.percent((fields.probability ?? e.deal.probability ?? 0) / 100, {
                    maxDigits: 0,
                  })}
            </dd>
          </div>
        </dl>
        {e.currencyAssumed ? (
          <p className="explain-detail">
            {t('deal.currencyAssumed', { currency: e.currencyAssumed })}
          </p>
        ) : null}
        <WhatIfField
          amount={props.whatIfAmount}
          currency={dealCurrency}
          onChange={props.onWhatIfChange}
          {...(props.whatIfRef ? { inputRef: props.whatIfRef } : {})}
        />
      </section>
    </div>
  );
}
