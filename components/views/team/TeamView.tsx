import { useState } from 'react';
import type { TeamOverview, TeamOverviewRow } from '../../data-contract/types';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { EmptyState } from '../../shared/states';

export type SortKey =
  'name' | 'attainment' | 'pace' | 'coverage' | 'estimatedPayout' | 'dealsAtRisk';
export interface Sort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

const COLUMNS: { key: SortKey; label: MessageKey; numeric: boolean }[] = [
  { key: 'name', label: 'team.rep', numeric: false },
  { key: 'attainment', label: 'team.attainment', numeric: true },
  { key: 'pace', label: 'team.pace', numeric: true },
  { key: 'coverage', label: 'team.coverage', numeric: true },
  { key: 'estimatedPayout', label: 'team.payout', numeric: true },
  { key: 'dealsAtRisk', label: 'team.atRisk', numeric: true },
];

/** Sorts rows by a column; empty figures go last whichever the direction. */
export function sortRows(
  rows: readonly TeamOverviewRow[],
  sort: Sort,
  locale: string,
): TeamOverviewRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const collator = new Intl.Collator(locale);
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') return sign * collator.compare(a.name, b.name);
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === null && y === null) return collator.compare(a.name, b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || collator.compare(a.name, b.name);
  });
}

export interface TeamViewProps {
  teams: readonly TeamOverview[];
  onOpenRep(rep: { id: string; name: string }): void;
}

/** Team: one row per rep, sortable by every column; a rep's name opens their numbers. */
export function TeamView({ teams, onOpenRep }: TeamViewProps) {
  const { t, f, locale } = useI18n();
  const [teamId, setTeamId] = useState<string>('all');
  const [sort, setSort] = useState<Sort>({ key: 'attainment', direction: 'descending' });
  const shown = teamId === 'all' ? teams : teams.filter((tm) => tm.team.id === teamId);
  const seen = new Set<string>();
  const rows = shown
    .flatMap((tm) => tm.reps)
    .filter((r) => !seen.has(r.repId) && seen.add(r.repId));
  const sorted = sortRows(rows, sort, locale);

  function sortBy(key: SortKey) {
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'name' ? 'ascending' : 'descending' },
    );
  }

  const percent = (v: number | null) =>
    v === null ? t('numbers.none') : f.percent(v, { maxDigits: 0 });
  return (
    <div className="team">
      {teams.length > 1 ? (
        <div className="field-row">
          <label htmlFor="team-filter">{t('team.filter')}</label>
          <select id="team-filter" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="all">{t('team.allTeams')}</option>
            {teams.map((tm) => (
              <option key={tm.team.id} value={tm.team.id}>
                {tm.team.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState title={t('team.noReps')}>
          <p>{t('team.noRepsHelp')}</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table team-table">
            <caption className="visually-hidden">{t('team.caption')}</caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    className={c.numeric ? 'num' : undefined}
                    aria-sort={sort.key === c.key ? sort.direction : undefined}
                  >
                    <button type="button" className="sort-button" onClick={() => sortBy(c.key)}>
                      {t(c.label)}
                      <span aria-hidden="true" className="sort-arrow">
                        {sort.key === c.key ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.repId}>
                  <th scope="row">
                    <button
                      type="button"
                      className="button link"
                      aria-label={t('team.openRep', { name: r.name })}
                      onClick={() => onOpenRep({ id: r.repId, name: r.name })}
                    >
                      {r.name}
                    </button>
                    {r.problems.length > 0 ? (
                      <span className="row-problem" title={r.problems.join('\n')}>
                        {t('team.problems', { count: r.problems.length })}
                      </span>
                    ) : null}
                  </th>
                  <td className="num">{percent(r.attainment)}</td>
                  <td className={`num ${r.pace !== null && r.pace < 0 ? 'negative' : ''}`}>
                    {r.pace === null
                      ? t('numbers.none')
                      : f.number(r.pace * 100, 0, { signed: true })}
                  </td>
                  <td className="num">
                    {r.coverage === null
                      ? t('numbers.none')
                      : t('numbers.multiple', { value: f.number(r.coverage, 1) })}
                  </td>
                  <td
                    className="num"
                    title={
                      r.estimatedPayout === null || r.currency === null
                        ? undefined
                        : f.money(r.estimatedPayout, r.currency)
                    }
                  >
                    {r.estimatedPayout === null || r.currency === null
                      ? t('numbers.none')
                      : f.compactMoney(r.estimatedPayout, r.currency)}
                  </td>
                  <td className={`num ${r.dealsAtRisk > 0 ? 'negative' : ''}`}>
                    {f.number(r.dealsAtRisk, 0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
