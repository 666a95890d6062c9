import { lazy, Suspense, type Ref } from 'react';
import type { Kpis, Statement } from '../../../lib/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { ProblemList } from '../../shared/ProblemList';
import { Icon } from '../../workbench/icons';
import { AttainmentMeter } from './AttainmentMeter';

// The chart library is loaded after the figures have painted (with the history).
const PeriodChart = lazy(() => import('./PeriodChart'));

export interface PeriodOption {
  start: string;
  end: string;
  label: string;
  current: boolean;
}

export interface PeriodPoint {
  start: string;
  label: string;
  shortLabel: string;
  attainment: number | null;
  credited: number;
  quota: number | null;
  total: number;
  selected: boolean;
}

export interface NumbersViewProps {
  kpis: Kpis;
  statement: Statement;
  /** Each tier's rate (fraction), tier 1 first. */
  tierRates: readonly number[];
  /** The tiers' finite upper bounds as attainment fractions. */
  boundaries: readonly number[];
  isCurrentPeriod: boolean;
  periods: readonly PeriodOption[];
  selectedStart: string;
  onPeriodChange(start: string): void;
  /**
   * The selected period and the ones before it, oldest first; null until they are computed
   * (after the sidebar's first paint: the figures above do not wait for them).
   */
  history: readonly PeriodPoint[] | null;
  /** How many periods the history has (also while it is not computed yet). */
  historyLength: number;
  dealNames: ReadonlyMap<string, string>;
  /** Set when a manager looks at one of their reps. */
  rep?: { name: string; onBack(): void } | null;
  periodSelectRef?: Ref<HTMLSelectElement>;
}

function Metric({ label, value, note }: { label: string; value: string; note?: string | null }) {
  return (
    <div className="metric">
      <dt>{label}</dt>
      <dd>
        <span className="metric-value">{value}</span>
        {note ? <span className="metric-note">{note}</span> : null}
      </dd>
    </div>
  );
}

function ChartPlaceholder() {
  return <div className="chart chart-placeholder" aria-hidden="true" />;
}

/** My numbers: attainment against quota, tiers, pace, pipeline and history for one period. */
export function NumbersView(props: NumbersViewProps) {
  const { t, f } = useI18n();
  const { kpis, statement, rep } = props;
  const cur = kpis.currency;
  const money = (n: number) => f.money(n, cur);
  const tierRate = kpis.tier !== null ? props.tierRates[kpis.tier - 1] : undefined;
  const points = (fraction: number) => f.number(Math.abs(fraction) * 100, 1);

  const pace =
    kpis.pace === null
      ? { value: t('numbers.none'), note: null }
      : {
          value:
            Math.abs(kpis.pace) < 0.0005
              ? t('numbers.pace.onPace')
              : t(kpis.pace > 0 ? 'numbers.pace.ahead' : 'numbers.pace.behind', {
                  points: points(kpis.pace),
                }),
          note: props.isCurrentPeriod
            ? t('numbers.pace.expected', {
                value: f.percent(kpis.expectedToDate, { maxDigits: 0 }),
              })
            : null,
        };
  const winRate = kpis.winRate;

  return (
    <div className="numbers">
      {rep ? (
        <div className="rep-header">
          <button type="button" className="button link" onClick={rep.onBack}>
            <Icon name="back" /> {t('numbers.backToTeam')}
          </button>
          <p className="rep-name">{t('numbers.forRep', { name: rep.name })}</p>
        </div>
      ) : null}

      <div className="field-row">
        <label htmlFor="numbers-period">{t('numbers.period')}</label>
        <select
          id="numbers-period"
          ref={props.periodSelectRef}
          value={props.selectedStart}
          onChange={(e) => props.onPeriodChange(e.target.value)}
        >
          {props.periods.map((p) => (
            <option key={p.start} value={p.start}>
              {p.current ? t('numbers.periodCurrent', { period: p.label }) : p.label}
            </option>
          ))}
        </select>
      </div>

      <section className="card" aria-labelledby="numbers-attainment">
        <div className="attainment-head">
          <h2 id="numbers-attainment" className="card-title">
            {t('numbers.attainment')}
          </h2>
          {kpis.tier !== null && tierRate !== undefined ? (
            <span className="chip">
              {t('numbers.tierChip', {
                tier: kpis.tier,
                rate: f.percent(tierRate, { maxDigits: 2 }),
              })}
            </span>
          ) : null}
        </div>
        {kpis.attainment === null ? (
          <p className="muted">{t('numbers.noQuota')}</p>
        ) : (
          <>
            <p className="big-figure">{f.percent(kpis.attainment)}</p>
            <p className="muted">
              {t('numbers.creditedOfQuota', {
                credited: money(kpis.credited),
                quota: money(kpis.quota ?? 0),
              })}
            </p>
            <AttainmentMeter
              attainment={kpis.attainment}
              boundaries={props.boundaries}
              expectedToDate={props.isCurrentPeriod ? kpis.expectedToDate : null}
            />
            <p className="next-tier">
              {kpis.nextTier !== null && kpis.gapToNextTier !== null && kpis.nextTierRate !== null
                ? t('numbers.nextTier', {
                    gap: money(kpis.gapToNextTier),
                    tier: kpis.nextTier,
                    rate: f.percent(kpis.nextTierRate, { maxDigits: 2 }),
                  })
                : t('numbers.topTier')}
            </p>
          </>
        )}
      </section>

      <dl className="metrics">
        <Metric label={t('numbers.pace')} value={pace.value} note={pace.note} />
        <Metric
          label={t('numbers.gap')}
          value={
            kpis.gap === null
              ? t('numbers.none')
              : kpis.quotaMet
                ? t('numbers.quotaMet')
                : money(kpis.gap)
          }
        />
        <Metric
          label={t('numbers.coverage')}
          value={
            kpis.coverage === null
              ? kpis.quotaMet
                ? t('numbers.quotaMet')
                : t('numbers.none')
              : t('numbers.multiple', { value: f.number(kpis.coverage, 1) })
          }
          note={t('numbers.coverageNote')}
        />
        <Metric
          label={t('numbers.weightedPipeline')}
          value={money(kpis.weightedPipeline)}
          note={t('numbers.openPipeline', { value: money(kpis.openPipeline) })}
        />
        <Metric
          label={t('numbers.winRate')}
          value={
            winRate.byCount === null
              ? t('numbers.none')
              : f.percent(winRate.byCount, { maxDigits: 0 })
          }
          note={
            winRate.byCount === null
              ? t('numbers.winRateNone')
              : t('numbers.winRateNote', {
                  won: winRate.won,
                  lost: winRate.lost,
                  byValue:
                    winRate.byValue === null
                      ? t('numbers.none')
                      : f.percent(winRate.byValue, { maxDigits: 0 }),
                })
          }
        />
        <Metric
          label={t('numbers.avgDeal')}
          value={kpis.averageDealSize === null ? t('numbers.none') : money(kpis.averageDealSize)}
          note={
            kpis.averageCycleDays === null
              ? null
              : t('numbers.avgCycle', { days: f.days(Math.round(kpis.averageCycleDays)) })
          }
        />
        <Metric
          label={t('numbers.projection')}
          value={kpis.projection === null ? t('numbers.none') : f.percent(kpis.projection)}
          note={t('numbers.projectionNote')}
        />
        <Metric
          label={t('numbers.payout')}
          value={money(statement.total)}
          note={t('numbers.payoutNote')}
        />
      </dl>

      <ProblemList problems={kpis.problems} dealNames={props.dealNames} />

      <section className="card" aria-labelledby="numbers-history">
        <h2 id="numbers-history" className="card-title">
          {t('numbers.history', { count: props.historyLength })}
        </h2>
        {props.history === null ? (
          <ChartPlaceholder />
        ) : (
          <>
            <Suspense fallback={<ChartPlaceholder />}>
              <PeriodChart points={props.history} />
            </Suspense>
            <table className="visually-hidden">
              <caption>{t('numbers.historyTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('numbers.period')}</th>
                  <th scope="col">{t('numbers.attainment')}</th>
                  <th scope="col">{t('numbers.credited')}</th>
                  <th scope="col">{t('numbers.payout')}</th>
                </tr>
              </thead>
              <tbody>
                {props.history.map((p) => (
                  <tr key={p.start}>
                    <th scope="row">{p.label}</th>
                    <td>
                      {p.attainment === null ? t('numbers.noQuotaShort') : f.percent(p.attainment)}
                    </td>
                    <td>{money(p.credited)}</td>
                    <td>{money(p.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </div>
  );
}
