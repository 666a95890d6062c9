import { isSurveyDue, surveyPeriodStart, type EnpsStatus, type Survey, type User } from '../domain';
import type { RepositoryOptions } from './annotation-repository';
import type { AttainDatabase } from './database';
import { LocalWriteError } from './errors';
import { LocalWriter, type WriteResult } from './local-writer';

export interface DueSurvey {
  survey: Survey;
  /** The period the answer is for. */
  periodStart: string;
}

/**
 * The eNPS pulse: answers are append-only with a client UUID (the server inserts each once),
 * and never come back from the server; only the user's own status (periods answered,
 * snooze) does.
 */
export class EnpsRepository {
  private readonly writer: LocalWriter;
  private readonly newId: () => string;
  private readonly now: () => Date;

  constructor(
    private readonly db: AttainDatabase,
    options: RepositoryOptions = {},
  ) {
    this.writer = new LocalWriter(db, options);
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.now = options.now ?? (() => new Date());
  }

  respond(input: {
    surveyId: string;
    periodStart: string;
    score: number;
    comment?: string;
    answers?: Record<string, number | string>;
    id?: string;
  }): Promise<WriteResult & { responseId: string }> {
    const id = input.id ?? this.newId();
    return this.writer
      .write<'enps.respond', EnpsStatus>('enps.respond', {
        entityId: input.surveyId,
        args: () => ({
          id,
          surveyId: input.surveyId,
          periodStart: input.periodStart,
          score: input.score,
          ...(input.comment !== undefined && input.comment.trim() !== ''
            ? { comment: input.comment }
            : {}),
          ...(input.answers !== undefined ? { answers: input.answers } : {}),
        }),
        check: (ctx, args) => {
          if (ctx.current?.answeredPeriods.includes(args.periodStart)) {
            throw new LocalWriteError(
              'invalid',
              `You already answered this survey for the period starting ${args.periodStart}.`,
            );
          }
        },
      })
      .then((r) => ({ ...r, responseId: id }));
  }

  snooze(input: { surveyId: string; until: string }): Promise<WriteResult> {
    return this.writer.write<'enps.snooze', EnpsStatus>('enps.snooze', {
      entityId: input.surveyId,
      args: () => ({ surveyId: input.surveyId, until: input.until }),
      check: (ctx) => {
        if (!(Date.parse(input.until) > Date.parse(ctx.at))) {
          throw new LocalWriteError('invalid', 'until must be in the future.');
        }
      },
    });
  }

  async status(surveyId: string): Promise<EnpsStatus | null> {
    return (await this.db.enpsStatus.get(surveyId))?.value ?? null;
  }

  async surveys(): Promise<Survey[]> {
    return (await this.db.surveys.toArray()).map((r) => r.value);
  }

  /** The surveys to ask `user` about now (at most one answer per survey and period). */
  async due(user: Pick<User, 'role' | 'teamIds'>, at: Date = this.now()): Promise<DueSurvey[]> {
    const now = at.toISOString();
    const asOf = now.slice(0, 10);
    const [surveys, statuses] = await Promise.all([this.surveys(), this.db.enpsStatus.toArray()]);
    const byId = new Map(statuses.map((s) => [s.id, s.value]));
    return surveys
      .filter((survey) =>
        isSurveyDue({ survey, status: byId.get(survey.id) ?? null, asOf, now, user }),
      )
      .map((survey) => ({ survey, periodStart: surveyPeriodStart(survey, asOf) }));
  }
}
