import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '../../i18n/I18nProvider';
import type { PeriodPoint } from './NumbersView';

/**
 * Attainment of the last periods as bars, quota (100%) as a line. Hidden from assistive
 * technology: the same figures are in the table that follows it.
 */
export default function PeriodChart({ points }: { points: readonly PeriodPoint[] }) {
  const { f } = useI18n();
  const data = points.map((p) => ({
    label: p.shortLabel,
    attainment: p.attainment === null ? 0 : Math.round(p.attainment * 1000) / 10,
    selected: p.selected,
  }));
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={150} initialDimension={{ width: 300, height: 150 }}>
        <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tickLine={false} axisLine={false} interval={0} fontSize={11} />
          <YAxis
            tickLine={false}
            axisLine={false}
            fontSize={11}
            width={44}
            tickFormatter={(v: number) => f.percent(v / 100, { maxDigits: 0 })}
          />
          <Tooltip
            cursor={{ fill: 'var(--hover)' }}
            formatter={(v) => [f.percent(Number(v) / 100), '']}
            separator=""
            contentStyle={{
              background: 'var(--bg-raised)',
              border: '1px solid var(--border)',
              fontSize: 12,
              color: 'var(--fg)',
            }}
          />
          <ReferenceLine y={100} stroke="var(--fg-muted)" strokeDasharray="3 3" />
          <Bar dataKey="attainment" radius={[2, 2, 0, 0]} isAnimationActive={false}>
            {data.map((d) => (
              <Cell
                key={d.label}
                fill={d.selected ? 'var(--chart-bar-selected)' : 'var(--chart-bar)'}
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
