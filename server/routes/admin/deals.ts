import { z } from 'zod';
import { dealSchema, idSchema } from '../../../lib/domain';
import { ApiError, notFound } from '../../http/errors';
import { defineRoute, queryBoolean } from '../../http/route';
import {
  ImportFormatError,
  importDeals,
  readImportRows,
  type ImportFormat,
} from '../../import/deals-import';
import { deleteDeal, getDeal } from '../../store/deals-repository';

const issueSchema = z.object({ path: z.string(), message: z.string() });
const importReportSchema = z.object({
  dryRun: z.boolean(),
  total: z.number(),
  valid: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.array(
    z.object({
      line: z.number(),
      row: z.number(),
      crmId: z.string().optional(),
      message: z.string(),
      issues: z.array(issueSchema).optional(),
    }),
  ),
});

function formatOf(contentType: string, requested: ImportFormat | undefined): ImportFormat {
  if (requested) return requested;
  if (/^application\/json\b/i.test(contentType)) return 'json';
  if (/^(text\/csv|application\/csv|text\/plain)\b/i.test(contentType)) return 'csv';
  throw new ApiError(
    415,
    'unsupported_media_type',
    'Send deals as text/csv or application/json (or pass ?format=).',
  );
}

export const dealRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/admin/deals/import',
    tag: 'admin',
    summary: 'Import deals from CSV or JSON: upsert by CRM id, all rows or none',
    description:
      'With ?dryRun=true nothing is written and the answer lists every bad row (line, reason) with what would be created, updated or unchanged. A real run with any bad row answers 422 import_rejected with the same list and writes nothing; otherwise it writes every row in one transaction. See docs/api.md for the columns.',
    access: 'admin',
    query: z.strictObject({
      dryRun: queryBoolean.optional(),
      format: z.enum(['csv', 'json']).optional(),
    }),
    rawBody: {
      contentTypes: ['text/csv', 'application/json'],
      description:
        'A CSV file with a header row, or a JSON array of deals (or { "deals": [...] }).',
    },
    bodyLimit: (config) => config.importBodyLimitBytes,
    response: importReportSchema,
    errors: [413, 415, 422],
    handler: async ({ c, deps, query, now }) => {
      const format = formatOf(c.req.header('content-type') ?? '', query.format);
      const body = await c.req.text();
      const dryRun = query.dryRun ?? false;
      let rows;
      try {
        rows = readImportRows(format, body);
      } catch (error) {
        if (error instanceof ImportFormatError) {
          throw new ApiError(
            400,
            'invalid_file',
            error.line === null ? error.message : `line ${error.line}: ${error.message}`,
            {
              line: error.line,
            },
          );
        }
        throw error;
      }
      const run = (trx: Parameters<Parameters<typeof deps.store.write>[0]>[0]) =>
        importDeals(trx, now.toISOString(), rows, dryRun);
      const report = dryRun ? await deps.store.read(run) : await deps.store.write(run);
      if (!dryRun && report.errors.length > 0) {
        throw new ApiError(
          422,
          'import_rejected',
          `${report.errors.length} of ${report.total} rows are invalid; nothing was imported.`,
          { ...report, dryRun },
        );
      }
      return { dryRun, ...report };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/deals/:dealId',
    tag: 'admin',
    summary: 'One deal',
    access: 'admin',
    params: z.strictObject({ dealId: idSchema }),
    response: dealSchema,
    errors: [404],
    handler: async ({ deps, params }) => {
      const deal = await getDeal(deps.store.db, params.dealId);
      if (!deal) throw notFound(`Deal "${params.dealId}"`);
      return deal.deal;
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/deals/:dealId',
    tag: 'admin',
    summary: 'Delete a deal and its notes',
    access: 'admin',
    params: z.strictObject({ dealId: idSchema }),
    successStatus: 204,
    errors: [404],
    handler: async ({ deps, params, now }) => {
      const ok = await deps.store.write((trx) => deleteDeal(trx, now.toISOString(), params.dealId));
      if (!ok) throw notFound(`Deal "${params.dealId}"`);
      return null;
    },
  }),
];
