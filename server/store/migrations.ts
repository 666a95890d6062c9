import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectKind } from './dialect-kind';

/**
 * Migrations live in code (no files to ship next to the bundle) and take the dialect, so
 * one migration can use what each database does best (AUTOINCREMENT on SQLite, BIGSERIAL
 * on PostgreSQL) while keeping the same columns.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

function initial(kind: DialectKind): Migration {
  const withoutRowid = kind === 'sqlite' ? sql`without rowid` : sql``;
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('locale', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      for (const table of ['team_members', 'team_managers']) {
        await db.schema
          .createTable(table)
          .addColumn('team_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ['team_id', 'user_id'])
          .execute();
        await db.schema.createIndex(`${table}_user`).on(table).columns(['user_id']).execute();
      }

      await db.schema
        .createTable('auth_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('auth_tokens_user').on('auth_tokens').column('user_id').execute();

      await db.schema
        .createTable('plans')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('effective_to', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('plans_pk', ['id', 'effective_from'])
        .execute();

      await db.schema
        .createTable('plan_assignments')
        .addColumn('rep_id', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('effective_to', 'text')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_assignments_pk', ['rep_id', 'effective_from'])
        .execute();
      await db.schema
        .createIndex('plan_assignments_plan')
        .on('plan_assignments')
        .column('plan_id')
        .execute();

      await db.schema
        .createTable('quotas')
        .addColumn('rep_id', 'text', (c) => c.notNull())
        .addColumn('period_start', 'text', (c) => c.notNull())
        .addColumn('amount', 'double precision', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('quotas_pk', ['rep_id', 'period_start'])
        .execute();

      await db.schema
        .createTable('fx_rates')
        .addColumn('from_currency', 'text', (c) => c.notNull())
        .addColumn('to_currency', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('rate', 'double precision', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('fx_rates_pk', ['from_currency', 'to_currency', 'date'])
        .execute();

      await db.schema
        .createTable('deals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('crm_id', 'text', (c) => c.unique())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('close_date', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('deal_reps')
        .addColumn('deal_id', 'text', (c) => c.notNull())
        .addColumn('rep_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('deal_reps_pk', ['deal_id', 'rep_id'])
        .execute();
      await db.schema
        .createIndex('deal_reps_rep')
        .on('deal_reps')
        .columns(['rep_id', 'deal_id'])
        .execute();

      await db.schema
        .createTable('annotations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('deal_id', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('resolved', 'integer', (c) => c.notNull())
        .addColumn('conflict_of', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('annotations_deal').on('annotations').column('deal_id').execute();
      await db.schema
        .createIndex('annotations_parent')
        .on('annotations')
        .column('parent_id')
        .execute();

      await db.schema
        .createTable('prompts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('rep_id', 'text', (c) => c.notNull())
        .addColumn('deal_id', 'text')
        .addColumn('author_id', 'text')
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('prompts_rep').on('prompts').column('rep_id').execute();

      await db.schema
        .createTable('prompt_states')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('prompt_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('snoozed_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('prompt_states_pk', ['user_id', 'prompt_id'])
        .execute();

      await db.schema
        .createTable('surveys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      // Participation and responses are stored in key order (WITHOUT ROWID on SQLite), so
      // not even the physical row order ties an answer to the person who gave it.
      await db.schema
        .createTable('enps_participation')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('period_start', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('enps_participation_pk', ['user_id', 'survey_id', 'period_start'])
        .modifyEnd(withoutRowid)
        .execute();

      await db.schema
        .createTable('enps_responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('period_start', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text')
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('answers', 'text')
        .modifyEnd(withoutRowid)
        .execute();
      await db.schema
        .createIndex('enps_responses_survey')
        .on('enps_responses')
        .columns(['survey_id', 'period_start'])
        .execute();

      await db.schema
        .createTable('enps_snoozes')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('snoozed_until', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('enps_snoozes_pk', ['user_id', 'survey_id'])
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('change_log')
        .addColumn('seq', kind === 'postgres' ? 'bigserial' : 'integer', (c) =>
          kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('change_log_audience')
        .on('change_log')
        .columns(['audience', 'seq'])
        .execute();
      await db.schema
        .createIndex('change_log_entity')
        .on('change_log')
        .columns(['entity', 'entity_id'])
        .execute();

      await db.schema
        .createTable('sync_clients')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('last_mutation_seq', 'bigint', (c) => c.notNull())
        .addColumn('reset_through', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_clients_pk', ['user_id', 'client_id'])
        .execute();

      await db.schema
        .createTable('sync_rejections')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_rejections_pk', ['user_id', 'client_id', 'seq'])
        .execute();
    },
    async down(db: AnyDb) {
      for (const table of [
        'sync_rejections',
        'sync_clients',
        'change_log',
        'settings',
        'enps_snoozes',
        'enps_responses',
        'enps_participation',
        'surveys',
        'prompt_states',
        'prompts',
        'annotations',
        'deal_reps',
        'deals',
        'fx_rates',
        'quotas',
        'plan_assignments',
        'plans',
        'auth_tokens',
        'team_managers',
        'team_members',
        'teams',
        'users',
        'meta',
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}

export function migrationsFor(kind: DialectKind): Record<string, Migration> {
  return { '0001_initial': initial(kind) };
}

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly kind: DialectKind) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrationsFor(this.kind);
  }
}

/** Brings the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(db: AnyDb, kind: DialectKind): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider(kind) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`database migration failed${name}: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
