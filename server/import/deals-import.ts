import {
  dealSchema,
  describeIssues,
  issuesOf,
  type Deal,
  type ValidationIssue,
} from '../../lib/domain';
import type { Db } from '../store/db';
import {
  getCrmIdsOfDeals,
  getDealIdsByCrmId,
  getDeals,
  saveDeals,
} from '../store/deals-repository';
import { getUsers, normalizeEmail } from '../store/people-repository';
import { chunks, IN_LIST_MAX } from '../store/util';
import { CsvError, parseCsv } from './csv';

/**
 * Deal imports, CSV or JSON: upsert by CRM id. Every row is checked (types, the deal
 * schema, owners and split reps exist, no CRM id or deal id twice), every problem is
 * reported with its line, and a real run writes all rows in one transaction or none.
 */
export interface ImportRowError {
  /** 1-based line of the file where the row starts (CSV), or where the array element starts (JSON). */
  line: number;
  /** 1-based position of the row among the rows. */
  row: number;
  crmId?: string;
  message: string;
  issues?: ValidationIssue[];
}

export interface ImportReport {
  total: number;
  valid: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
}

interface RawRow {
  line: number;
  row: number;
  /** Field values before the deal schema: from CSV cells or a JSON object. */
  value: Record<string, unknown>;
  /** Problems found while reading the row (CSV cells that are not what their column needs). */
  problems: ValidationIssue[];
}

export class ImportFormatError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'ImportFormatError';
  }
}

// CSV ---------------------------------------------------------------------------------------

type Cell = (text: string) => { ok: true; value: unknown } | { ok: false; message: string };

const text: Cell = (t) => ({ ok: true, value: t });
const decimal: Cell = (t) =>
  /^-?\d+(\.\d+)?$/.test(t)
    ? { ok: true, value: Number(t) }
    : { ok: false, message: `must be a number like 1234.5 (got "${t}")` };
const integer: Cell = (t) =>
  /^-?\d+$/.test(t)
    ? { ok: true, value: Number(t) }
    : { ok: false, message: `must be a whole number (got "${t}")` };
const bool: Cell = (t) => {
  const v = t.toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(v)) return { ok: true, value: true };
  if (['false', 'no', 'n', '0'].includes(v)) return { ok: true, value: false };
  return { ok: false, message: `must be true or false (got "${t}")` };
};
const upper: Cell = (t) => ({ ok: true, value: t.toUpperCase() });
/** `rep-1:60;rep-2:40` (rep ids or emails). */
const splits: Cell = (t) => {
  const out: Array<{ rep: string; percent: number }> = [];
  for (const part of t
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(.+):\s*(\d+(?:\.\d+)?)\s*%?$/.exec(part);
    if (!m) return { ok: false, message: `must look like "rep-1:60;rep-2:40" (got "${part}")` };
    out.push({ rep: m[1]!.trim(), percent: Number(m[2]) });
  }
  return { ok: true, value: out };
};

/** The columns a deal CSV may have (header names, case-sensitive), and how to read each. */
export const CSV_COLUMNS: Record<string, Cell> = {
  id: text,
  crmId: text,
  name: text,
  amount: decimal,
  currency: upper,
  stage: text,
  isClosed: bool,
  isWon: bool,
  closeDate: text,
  createdDate: text,
  ownerId: text,
  ownerEmail: text,
  splits,
  probability: decimal,
  reversedOn: text,
  stageEnteredDate: text,
  lastActivityDate: text,
  nextStep: text,
  contactCount: integer,
  closeDatePushCount: integer,
  accountName: text,
};

function csvRows(input: string): RawRow[] {
  let records;
  try {
    records = parseCsv(input);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFormatError(error.message, error.line);
    throw error;
  }
  const header = records[0];
  if (!header)
    throw new ImportFormatError('the file is empty: the first line must name the columns', 1);
  const names = header.fields.map((f) => f.trim());
  const seen = new Set<string>();
  names.forEach((name) => {
    if (name === '') throw new ImportFormatError('a column has no name', header.line);
    if (seen.has(name)) throw new ImportFormatError(`column "${name}" appears twice`, header.line);
    if (!(name in CSV_COLUMNS) && !/^fields\.[^.].*$/.test(name)) {
      throw new ImportFormatError(
        `unknown column "${name}" (known: ${Object.keys(CSV_COLUMNS).join(', ')}, and fields.<name> for custom fields)`,
        header.line,
      );
    }
    seen.add(name);
  });
  if (!seen.has('crmId'))
    throw new ImportFormatError(
      'the "crmId" column is required: rows are matched by CRM id',
      header.line,
    );
  return records.slice(1).map((record, index) => {
    const value: Record<string, unknown> = {};
    const problems: ValidationIssue[] = [];
    if (record.fields.length !== names.length) {
      problems.push({
        path: '',
        message: `has ${record.fields.length} cells; the header has ${names.length} columns`,
      });
    }
    names.forEach((name, col) => {
      const cell = (record.fields[col] ?? '').trim();
      if (cell === '') return;
      if (name.startsWith('fields.')) {
        const custom = (value.fields ??= {}) as Record<string, unknown>;
        custom[name.slice('fields.'.length)] = cell;
        return;
      }
      const read = CSV_COLUMNS[name]!(cell);
      if (read.ok) value[name] = read.value;
      else problems.push({ path: name, message: read.message });
    });
    return { line: record.line, row: index + 1, value, problems };
  });
}

// JSON --------------------------------------------------------------------------------------

/** Lines where each element of the deals array starts (the root array, or `deals` in the root object). */
export function jsonElementLines(input: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let targetDepth = -1;
  let lastKey: string | null = null;
  let keyStart = -1;
  let expectValue = true;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 1 && keyStart >= 0) lastKey = input.slice(keyStart, i);
        keyStart = -1;
      }
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === targetDepth && expectValue && ch !== ']' && ch !== ',') {
      lines.push(line);
      expectValue = false;
    }
    if (ch === '"') {
      inString = true;
      if (depth === 1 && targetDepth !== 1) keyStart = i + 1;
      continue;
    }
    if (ch === '[' || ch === '{') {
      depth++;
      if (ch === '[' && targetDepth < 0 && (depth === 1 || (depth === 2 && lastKey === 'deals'))) {
        targetDepth = depth;
        expectValue = true;
      }
    } else if (ch === ']' || ch === '}') {
      if (depth === targetDepth) targetDepth = -2; // done: later arrays are not the deals
      depth--;
    } else if (ch === ',' && depth === targetDepth) {
      expectValue = true;
    }
  }
  return lines;
}

function jsonRows(input: string): RawRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch (error) {
    throw new ImportFormatError(`the body is not valid JSON (${(error as Error).message})`, null);
  }
  const list = Array.isArray(parsed)
    ? parsed
    : parsed !== null &&
        typeof parsed === 'object' &&
        Array.isArray((parsed as { deals?: unknown }).deals)
      ? (parsed as { deals: unknown[] }).deals
      : null;
  if (!list) throw new ImportFormatError('send an array of deals, or { "deals": [...] }', null);
  const lines = jsonElementLines(input);
  return list.map((item, index) => {
    const line = lines[index] ?? 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return {
        line,
        row: index + 1,
        value: {},
        problems: [{ path: '', message: 'must be an object' }],
      };
    }
    const value = { ...(item as Record<string, unknown>) };
    if (Array.isArray(value.splits)) {
      value.splits = value.splits.map((s: unknown) =>
        s !== null && typeof s === 'object' && 'repId' in s
          ? {
              rep: (s as { repId: unknown }).repId,
              percent: (s as { percent?: unknown }).percent,
              ...s,
            }
          : s,
      );
    }
    return { line, row: index + 1, value, problems: [] };
  });
}

// Checking and applying ------------------------------------------------------------------------

interface CheckedRow {
  raw: RawRow;
  deal: Deal | null;
}

async function usersByIdOrEmail(
  trx: Db,
  rows: RawRow[],
): Promise<{ ids: Set<string>; byEmail: Map<string, string> }> {
  const refs = new Set<string>();
  for (const r of rows) {
    for (const key of ['ownerId', 'ownerEmail'] as const) {
      if (typeof r.value[key] === 'string') refs.add(r.value[key] as string);
    }
    if (Array.isArray(r.value.splits)) {
      for (const s of r.value.splits as Array<{ rep?: unknown }>)
        if (typeof s?.rep === 'string') refs.add(s.rep);
    }
  }
  const ids = new Set<string>();
  const byEmail = new Map<string, string>();
  const list = [...refs];
  for (const u of await getUsers(trx, list)) ids.add(u.id);
  const emails = list.filter((r) => r.includes('@')).map(normalizeEmail);
  for (const batch of chunks(emails, IN_LIST_MAX)) {
    const found = await trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', 'in', batch)
      .execute();
    for (const u of found) byEmail.set(u.email, u.id);
  }
  return { ids, byEmail };
}

function firstIssueMessage(issues: ValidationIssue[]): string {
  return describeIssues(issues);
}

async function checkRows(
  trx: Db,
  rows: RawRow[],
): Promise<{ checked: CheckedRow[]; errors: ImportRowError[] }> {
  const users = await usersByIdOrEmail(trx, rows);
  const crmIds = rows.map((r) => r.value.crmId).filter((c): c is string => typeof c === 'string');
  const existingByCrm = await getDealIdsByCrmId(trx, crmIds);
  const resolveUser = (ref: string): string | null =>
    users.ids.has(ref) ? ref : (users.byEmail.get(normalizeEmail(ref)) ?? null);

  const errors: ImportRowError[] = [];
  const checked: CheckedRow[] = [];
  const crmSeen = new Map<string, number>();
  const idSeen = new Map<string, number>();
  for (const raw of rows) {
    const issues = [...raw.problems];
    const v: Record<string, unknown> = { ...raw.value };
    const crmId = typeof v.crmId === 'string' && v.crmId.trim() !== '' ? v.crmId.trim() : null;
    if (crmId === null)
      issues.push({ path: 'crmId', message: 'is required (rows are matched by CRM id)' });
    else v.crmId = crmId;
    // Owner: by id, or by email in ownerEmail.
    const ownerRef =
      typeof v.ownerId === 'string'
        ? v.ownerId
        : typeof v.ownerEmail === 'string'
          ? v.ownerEmail
          : null;
    const ownerKey = typeof v.ownerId === 'string' ? 'ownerId' : 'ownerEmail';
    delete v.ownerEmail;
    if (ownerRef === null)
      issues.push({ path: 'ownerId', message: 'is required (or give ownerEmail)' });
    else {
      const owner = resolveUser(ownerRef);
      if (owner === null)
        issues.push({ path: ownerKey, message: `names "${ownerRef}", who is not a user` });
      else v.ownerId = owner;
    }
    if (Array.isArray(v.splits)) {
      v.splits = (v.splits as Array<Record<string, unknown>>).map((s, i) => {
        if (s === null || typeof s !== 'object') return s;
        const ref = typeof s.rep === 'string' ? s.rep : null;
        const rep = ref === null ? null : resolveUser(ref);
        if (ref !== null && rep === null)
          issues.push({ path: `splits[${i}]`, message: `names "${ref}", who is not a user` });
        const { rep: _rep, ...rest } = s;
        return { ...rest, repId: rep ?? ref, percent: s.percent };
      });
    }
    // Deal id: the deal this CRM id already has, or the row's id, or the CRM id.
    const existingId = crmId === null ? undefined : existingByCrm.get(crmId);
    if (typeof v.id === 'string' && existingId !== undefined && v.id !== existingId) {
      issues.push({
        path: 'id',
        message: `is "${v.id}", but CRM id "${crmId}" belongs to deal "${existingId}"`,
      });
    }
    v.id = existingId ?? (typeof v.id === 'string' && v.id !== '' ? v.id : crmId);
    if (crmId !== null) {
      const first = crmSeen.get(crmId);
      if (first !== undefined) issues.push({ path: 'crmId', message: `repeats line ${first}` });
      else crmSeen.set(crmId, raw.line);
    }
    let deal: Deal | null = null;
    if (issues.length === 0 || issues.every((i) => i.path !== '')) {
      const parsed = dealSchema.safeParse(v);
      if (!parsed.success) {
        // A cell already reported as unreadable is not reported again as missing.
        const known = new Set(issues.map((i) => i.path));
        issues.push(...issuesOf(parsed.error).filter((i) => !known.has(i.path)));
      } else deal = parsed.data;
    }
    if (deal) {
      const first = idSeen.get(deal.id);
      if (first !== undefined) issues.push({ path: 'id', message: `repeats line ${first}` });
      else idSeen.set(deal.id, raw.line);
    }
    if (issues.length > 0) {
      errors.push({
        line: raw.line,
        row: raw.row,
        ...(crmId !== null ? { crmId } : {}),
        message: firstIssueMessage(issues),
        issues,
      });
      checked.push({ raw, deal: null });
    } else {
      checked.push({ raw, deal });
    }
  }
  // A new deal taking the id of a deal with another CRM id would overwrite it.
  const newIds = checked
    .filter((c) => c.deal && !existingByCrm.has(c.deal.crmId!))
    .map((c) => c.deal!.id);
  const taken = await getCrmIdsOfDeals(trx, newIds);
  for (const c of checked) {
    if (!c.deal || existingByCrm.has(c.deal.crmId!)) continue;
    const owner = taken.get(c.deal.id);
    if (owner !== undefined) {
      const message = `id "${c.deal.id}" is taken by a deal with ${owner === null ? 'no CRM id' : `CRM id "${owner}"`}`;
      errors.push({
        line: c.raw.line,
        row: c.raw.row,
        crmId: c.deal.crmId!,
        message,
        issues: [{ path: 'id', message }],
      });
      c.deal = null;
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { checked, errors };
}

export type ImportFormat = 'csv' | 'json';

export function readImportRows(format: ImportFormat, body: string): RawRow[] {
  return format === 'csv' ? csvRows(body) : jsonRows(body);
}

/**
 * Checks every row, then (unless `dryRun`, and only when no row is bad) writes them all in
 * the caller's transaction. Counts say what was, or would be, created, updated, unchanged.
 */
export async function importDeals(
  trx: Db,
  now: string,
  rows: RawRow[],
  dryRun: boolean,
): Promise<ImportReport> {
  const { checked, errors } = await checkRows(trx, rows);
  const deals = checked.map((c) => c.deal).filter((d): d is Deal => d !== null);
  const report: ImportReport = {
    total: rows.length,
    valid: deals.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors,
  };
  if (dryRun || errors.length > 0) {
    const existing = await getDeals(
      trx,
      deals.map((d) => d.id),
    );
    for (const d of deals) {
      const before = existing.get(d.id);
      if (!before) report.created++;
      else if (JSON.stringify(before.deal) === JSON.stringify(d)) report.unchanged++;
      else report.updated++;
    }
    return report;
  }
  const saved = await saveDeals(trx, now, deals);
  return { ...report, ...saved };
}
