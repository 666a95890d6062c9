import { periodContaining, type EnpsResult, type Survey } from '../../../lib/domain';
import { COMPLEMENT_COMMENTS_REASON, COMPLEMENT_REASON } from '../../../lib/domain/enps/aggregate';
import type { EnpsResults } from '../../data-contract/types';
import { useI18n, type Translate } from '../../i18n/I18nProvider';

/** The reason a figure is withheld, in the user's language (the rule stays visible). */
export function withheldText(reason: string | undefined, t: Translate): string {
  if (reason === undefined) return t('pulse.withheldGeneric');
  if (reason === COMPLEMENT_REASON) return t('pulse.withheldComplement');
  if (reason === COMPLEMENT_COMMENTS_REASON) return t('pulse.commentsWithheldComplement');
  const few = /^(comments )?withheld: fewer than (\d+) answers$/.exec(reason);
  if (few) {
    const count = Number(few[2]);
    return few[1] ? t('pulse.commentsWithheld', { count }) : t('pulse.withheld', { count });
  }
  return reason;
}

function Distribution({ result }: { result: EnpsResult }) {
  const { t } = useI18n();
  const total = result.responses ?? 0;
  if (total === 0) return null;
  const part = (n: number | null) => `${((n ?? 0) / total) * 100}%`;
  return (
    <>
      <div className="distribution" aria-hidden="true">
        <span className="promoters" style={{ width: part(result.promoters) }} />
        <span className="passives" style={{ width: part(result.passives) }} />
        <span className="detractors" style={{ width: part(result.detractors) }} />
      </div>
      <p className="muted">
        {t('pulse.breakdown', {
          count: total,
          promoters: t('pulse.promoters', { count: result.promoters ?? 0 }),
          passives: t('pulse.passives', { count: result.passives ?? 0 }),
          detractors: t('pulse.detractors', { count: result.detractors ?? 0 }),
        })}
      </p>
    </>
  );
}

/** eNPS results as anonymous aggregates, with the rules that withhold small groups in view. */
export function PulseResults({
  results,
  survey,
  onPeriodChange,
}: {
  results: EnpsResults;
  /** The survey as synced (for its group sizes and questions), when known. */
  survey: Survey | null;
  onPeriodChange(periodStart: string): void;
}) {
  const { t, f } = useI18n();
  const overall = results.overall;
  const cadence = survey?.cadence ?? 'quarter';
  const periodLabel = (start: string) => {
    const p = periodContaining(start, cadence);
    return f.period(p.start, p.end);
  };
  const score = (r: EnpsResult) => (r.score === null ? '' : f.number(r.score, 0, { signed: true }));
  const min = survey?.minGroupSize ?? 5;
  const minComments = survey?.minCommentGroupSize ?? 10;

  return (
    <section className="card" aria-labelledby="pulse-results">
      <h2 id="pulse-results" className="card-title">
        {t('pulse.resultsTitle', { survey: results.survey.name })}
      </h2>
      {results.periods.length > 1 ? (
        <div className="field-row">
          <label htmlFor="pulse-period">{t('pulse.period')}</label>
          <select
            id="pulse-period"
            value={results.periodStart}
            onChange={(e) => onPeriodChange(e.target.value)}
          >
            {results.periods.map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="muted">{periodLabel(results.periodStart)}</p>
      )}
      <p className="rules">
        {t('pulse.rules', { answers: t('pulse.answerCount', { count: min }), minComments })}
      </p>

      <h3 className="subhead">{t('pulse.overall')}</h3>
      {overall.withheld ? (
        <p className="withheld">{withheldText(overall.withheldReason, t)}</p>
      ) : (
        <>
          <p className="big-figure" aria-label={t('pulse.scoreLabel', { score: score(overall) })}>
            {score(overall)}
          </p>
          <Distribution result={overall} />
        </>
      )}

      {results.teams.length > 0 ? (
        <table className="data-table">
          <caption className="subhead">{t('pulse.byTeam')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pulse.team')}</th>
              <th scope="col" className="num">
                {t('pulse.enps')}
              </th>
              <th scope="col" className="num">
                {t('pulse.answers')}
              </th>
            </tr>
          </thead>
          <tbody>
            {results.teams.map((team) => (
              <tr key={team.teamId}>
                <th scope="row">{team.teamName}</th>
                {team.withheld ? (
                  <td colSpan={2} className="withheld">
                    {withheldText(team.withheldReason, t)}
                  </td>
                ) : (
                  <>
                    <td className="num">{score(team)}</td>
                    <td className="num">{f.number(team.responses ?? 0, 0)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h3 className="subhead">{t('pulse.comments')}</h3>
      {overall.commentsWithheld || overall.comments === null ? (
        <p className="withheld">{withheldText(overall.commentsWithheldReason, t)}</p>
      ) : overall.comments.length === 0 ? (
        <p className="muted">{t('pulse.noComments')}</p>
      ) : (
        <ul className="comments">
          {overall.comments.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      )}

      {results.questions.length > 0 ? (
        <>
          <h3 className="subhead">{t('pulse.questions')}</h3>
          <ul className="plain-list">
            {results.questions.map((q) => {
              const text =
                survey?.questions.find((sq) => sq.id === q.questionId)?.text ?? q.questionId;
              return (
                <li key={q.questionId} className="question-summary">
                  <p className="question-text">{text}</p>
                  {q.withheld ? (
                    <p className="withheld">
                      {q.kind === 'score'
                        ? t('pulse.withheld', { count: min })
                        : t('pulse.commentsWithheld', { count: minComments })}
                    </p>
                  ) : q.kind === 'score' ? (
                    <p>
                      {t('pulse.average', {
                        average: f.number(q.average ?? 0, 1),
                        count: q.responses ?? 0,
                      })}
                    </p>
                  ) : (
                    <ul className="comments">
                      {(q.answers ?? []).map((a, i) => (
                        <li key={i}>{a}</li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
