import { useI18n } from '../../i18n/I18nProvider';

/**
 * Attainment against quota as a bar, with each tier boundary marked and, for a running
 * period, where an even pace would be today.
 */
export function AttainmentMeter({
  attainment,
  boundaries,
  expectedToDate,
}: {
  attainment: number;
  /** Tier boundaries as attainment fractions (1 = 100%), ascending. */
  boundaries: readonly number[];
  /** Shown as a tick when the period is running (0 < x < 1). */
  expectedToDate: number | null;
}) {
  const { t, f } = useI18n();
  const top = Math.max(1.2, (boundaries[boundaries.length - 1] ?? 1) * 1.15, attainment * 1.05);
  const at = (x: number) => `${Math.min(100, (x / top) * 100)}%`;
  return (
    <div className="meter-wrap">
      <div
        className="meter"
        role="meter"
        aria-label={t('numbers.attainment')}
        aria-valuemin={0}
        aria-valuemax={Math.round(top * 100)}
        aria-valuenow={Math.round(attainment * 1000) / 10}
        aria-valuetext={t('numbers.meterText', { value: f.percent(attainment) })}
      >
        <div className="meter-fill" style={{ width: at(attainment) }} />
        {boundaries.map((b, i) => (
          <div
            key={b}
            className="meter-tier"
            style={{ left: at(b) }}
            title={t('numbers.tierBoundary', { tier: i + 2, at: f.percent(b, { maxDigits: 0 }) })}
          />
        ))}
        {expectedToDate !== null && expectedToDate > 0 && expectedToDate < 1 ? (
          <div className="meter-pace" style={{ left: at(expectedToDate) }} />
        ) : null}
      </div>
      <div className="meter-scale" aria-hidden="true">
        <span style={{ left: '0%' }}>{f.percent(0)}</span>
        {boundaries.map((b, i) => (
          <span key={b} style={{ left: at(b) }}>
            {t('numbers.tierMark', { tier: i + 2, at: f.percent(b, { maxDigits: 0 }) })}
          </span>
        ))}
      </div>
      <p className="meter-legend">
        <span className="legend-tier" aria-hidden="true" /> {t('numbers.legendTier')}
        {expectedToDate !== null && expectedToDate > 0 && expectedToDate < 1 ? (
          <>
            {' '}
            <span className="legend-pace" aria-hidden="true" />{' '}
            {t('numbers.legendPace', { value: f.percent(expectedToDate, { maxDigits: 0 }) })}
          </>
        ) : null}
      </p>
    </div>
  );
}
