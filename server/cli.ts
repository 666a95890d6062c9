import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { roleSchema, userSchema, type Role } from '../lib/domain';
import { hashPassword, passwordProblem } from './auth/passwords';
import { issueToken } from './auth/tokens';
import type { ServerConfig } from './config';
import { ImportFormatError, importDeals, readImportRows } from './import/deals-import';
import { openStore, type Store } from './store/db';
import { getUserByEmail, saveUser, setPasswordHash } from './store/people-repository';
import { revokeToken, revokeTokensOfUser } from './store/tokens-repository';
import { compactChangeLog } from './sync/compaction';

export const CLI_USAGE = `Usage: npm run server -- <command> [options]

  (no command)                         start the server
  user add --email E --name N --role rep|manager|admin [--id ID]
           [--team T]... [--manages T]... [--password P]
                                       add a user (prints a generated password if none given)
  user passwd --email E [--password P] set a password and sign the user out everywhere
  token create --email E [--label L] [--days N]
                                       create an API token (printed once; no expiry without --days)
  token revoke --id ID                 revoke a token
  import deals FILE [--dry-run] [--format csv|json]
                                       import deals (upsert by CRM id; all rows or none)
  compact [--keep-days N]              compact the sync change log (tombstones kept N days, default 30)
  migrate                              create or upgrade the database schema, then exit

The database is the one the server uses: DATABASE_URL, or SQLite under ATTAIN_DATA_DIR.`;

class UsageError extends Error {}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

async function withStore<T>(config: ServerConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function userAdd(
  args: string[],
  config: ServerConfig,
  out: (s: string) => void,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      id: { type: 'string' },
      team: { type: 'string', multiple: true },
      manages: { type: 'string', multiple: true },
      password: { type: 'string' },
    },
  });
  const email = required(values.email, 'email');
  const role = roleSchema.safeParse(required(values.role, 'role'));
  if (!role.success) throw new UsageError('--role must be rep, manager or admin');
  const generated = values.password === undefined;
  const password = values.password ?? newPassword();
  const problem = passwordProblem(password);
  if (problem) throw new UsageError(`--password ${problem}`);
  const parsed = userSchema.safeParse({
    id: values.id ?? `user-${randomBytes(6).toString('hex')}`,
    email,
    name: required(values.name, 'name'),
    role: role.data as Role,
    teamIds: values.team ?? [],
    managesTeamIds: values.manages ?? [],
  });
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '),
    );
  const hash = await hashPassword(password, config.scryptCost);
  await withStore(config, async (store) => {
    const user = await store.write(async (trx) => {
      if (await getUserByEmail(trx, email))
        throw new UsageError(`a user with email ${email} already exists`);
      for (const t of [...parsed.data.teamIds, ...parsed.data.managesTeamIds]) {
        if (!(await trx.selectFrom('teams').select('id').where('id', '=', t).executeTakeFirst())) {
          throw new UsageError(`team "${t}" does not exist`);
        }
      }
      return (await saveUser(trx, new Date().toISOString(), parsed.data, hash)).user;
    });
    out(`added ${user.role} ${user.email} (id ${user.id})`);
    if (generated) out(`password: ${password}`);
  });
}

async function userPasswd(
  args: string[],
  config: ServerConfig,
  out: (s: string) => void,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, password: { type: 'string' } },
  });
  const email = required(values.email, 'email');
  const password = values.password ?? newPassword();
  const problem = passwordProblem(password);
  if (problem) throw new UsageError(`--password ${problem}`);
  const hash = await hashPassword(password, config.scryptCost);
  await withStore(config, (store) =>
    store.write(async (trx) => {
      const user = await getUserByEmail(trx, email);
      if (!user) throw new UsageError(`no user has the email ${email}`);
      const now = new Date().toISOString();
      await setPasswordHash(trx, now, user.id, hash);
      await revokeTokensOfUser(trx, user.id, now);
    }),
  );
  out(`password set for ${email}; their tokens were revoked`);
  if (values.password === undefined) out(`password: ${password}`);
}

async function tokenCreate(
  args: string[],
  config: ServerConfig,
  out: (s: string) => void,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, label: { type: 'string' }, days: { type: 'string' } },
  });
  const email = required(values.email, 'email');
  const days = values.days === undefined ? null : Number(values.days);
  if (days !== null && (!Number.isInteger(days) || days < 1))
    throw new UsageError('--days must be a whole number ≥ 1');
  await withStore(config, async (store) => {
    const issued = await store.write(async (trx) => {
      const user = await getUserByEmail(trx, email);
      if (!user || !user.active) throw new UsageError(`no active user has the email ${email}`);
      return issueToken(trx, {
        userId: user.id,
        kind: 'cli',
        label: values.label ?? 'cli',
        now: new Date(),
        ttlSeconds: days === null ? null : days * 86400,
      });
    });
    out(issued.token);
    out(
      `(token id ${issued.record.id}, ${issued.record.expiresAt ? `expires ${issued.record.expiresAt}` : 'no expiry'})`,
    );
  });
}

async function tokenRevoke(
  args: string[],
  config: ServerConfig,
  out: (s: string) => void,
): Promise<void> {
  const { values } = parseArgs({ args, options: { id: { type: 'string' } } });
  const id = required(values.id, 'id');
  await withStore(config, (store) =>
    store.write((trx) => revokeToken(trx, id, new Date().toISOString())),
  );
  out(`token ${id} revoked`);
}

async function importCommand(
  args: string[],
  config: ServerConfig,
  out: (s: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, format: { type: 'string' } },
  });
  if (positionals[0] !== 'deals' || !positionals[1])
    throw new UsageError('usage: import deals FILE [--dry-run]');
  const file = positionals[1];
  const format = values.format ?? (file.toLowerCase().endsWith('.json') ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
  const body = await readFile(file, 'utf8');
  let rows;
  try {
    rows = readImportRows(format, body);
  } catch (error) {
    if (error instanceof ImportFormatError)
      throw new UsageError(`${file}${error.line ? `:${error.line}` : ''}: ${error.message}`);
    throw error;
  }
  const dryRun = values['dry-run'] ?? false;
  return withStore(config, async (store) => {
    const run = (trx: Parameters<Parameters<Store['write']>[0]>[0]) =>
      importDeals(trx, new Date().toISOString(), rows, dryRun);
    const report = dryRun ? await store.read(run) : await store.write(run);
    for (const e of report.errors) out(`${file}:${e.line}: ${e.message}`);
    const verb = dryRun || report.errors.length > 0 ? 'would be' : 'were';
    out(
      `${report.total} rows, ${report.errors.length} invalid; ${report.created} ${verb} created, ${report.updated} updated, ${report.unchanged} unchanged${!dryRun && report.errors.length > 0 ? ' — nothing was imported' : ''}`,
    );
    return report.errors.length > 0 ? 1 : 0;
  });
}

/** Runs one CLI command; returns the exit code. */
export async function runCli(
  args: string[],
  config: ServerConfig,
  out: (line: string) => void = (l) => console.log(l),
  err: (line: string) => void = (l) => console.error(l),
): Promise<number> {
  const [command, sub, ...rest] = args;
  try {
    if (command === 'user' && sub === 'add') await userAdd(rest, config, out);
    else if (command === 'user' && sub === 'passwd') await userPasswd(rest, config, out);
    else if (command === 'token' && sub === 'create') await tokenCreate(rest, config, out);
    else if (command === 'token' && sub === 'revoke') await tokenRevoke(rest, config, out);
    else if (command === 'import') return await importCommand(args.slice(1), config, out);
    else if (command === 'compact') {
      const { values } = parseArgs({
        args: args.slice(1),
        options: { 'keep-days': { type: 'string' } },
      });
      const days = Number(values['keep-days'] ?? 30);
      if (!Number.isInteger(days) || days < 0)
        throw new UsageError('--keep-days must be a whole number ≥ 0');
      const result = await withStore(config, (store) =>
        compactChangeLog(store, { retentionDays: days, now: new Date() }),
      );
      out(
        `removed ${result.superseded} superseded rows and ${result.tombstones} old tombstones (compacted through seq ${result.compactedThrough})`,
      );
    } else if (command === 'migrate') {
      await withStore(config, async (store) => out(`database ready: ${store.description}`));
    } else if (command === 'help' || command === '--help' || command === '-h') {
      out(CLI_USAGE);
    } else {
      err(`unknown command: ${args.join(' ')}\n\n${CLI_USAGE}`);
      return 2;
    }
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      err(`error: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
