import { z } from 'zod';
import { apiErrorSchema, SYNC_SCHEMA_VERSION } from '../../lib/domain';
import type { AnyRoute } from './route';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  try {
    const out = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as JsonSchema;
    delete out.$schema;
    return out;
  } catch {
    return {};
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'Invalid request (the details list every issue with its path)',
  401: 'Missing, unknown, expired or revoked token',
  403: 'Your role may not do this',
  404: 'Not found (also for what exists but is not yours)',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Wrong content type',
  422: 'Rejected (nothing was changed)',
  429: 'Rate limited (see Retry-After)',
  503: 'Database busy or unreachable (see Retry-After)',
};

function parameters(route: AnyRoute): unknown[] {
  const out: unknown[] = [];
  const add = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const js = jsonSchema(schema, 'input');
    const props = (js.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((js.required ?? []) as string[]);
    for (const [name, s] of Object.entries(props)) {
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
    }
  };
  add(route.params, 'path');
  add(route.query, 'query');
  return out;
}

/** The OpenAPI 3.1 document of every route, generated from the same zod schemas. */
export function openApiDocument(routes: readonly AnyRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const success = route.successStatus ?? 200;
    const responses: Record<string, unknown> = {
      [success]:
        success === 204
          ? { description: STATUS_TEXT[204] }
          : {
              description: STATUS_TEXT[success] ?? 'OK',
              content: {
                'application/json': {
                  schema: route.response ? jsonSchema(route.response, 'output') : {},
                },
              },
            },
    };
    const errors = new Set(route.errors ?? []);
    if (route.access !== 'public') errors.add(401).add(429);
    if (route.access === 'admin') errors.add(403);
    if (route.body) errors.add(400).add(413).add(415);
    if (route.query || route.params) errors.add(400);
    for (const status of [...errors].sort()) {
      responses[status] = {
        description: STATUS_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      parameters: parameters(route),
      responses,
      ...(route.access === 'public' ? { security: [] } : {}),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
      };
    } else if (route.rawBody) {
      operation.requestBody = {
        required: true,
        description: route.rawBody.description,
        content: Object.fromEntries(
          route.rawBody.contentTypes.map((t) => [t, { schema: { type: 'string' } }]),
        ),
      };
    }
    (paths[path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Attain API',
      version,
      description: `The Attain server: sync (schema version ${SYNC_SCHEMA_VERSION}), reports, eNPS and administration. Every error is { error: { code, message, details } }. See docs/api.md.`,
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from POST /v1/auth/login or the CLI.',
        },
      },
      schemas: { ApiError: jsonSchema(apiErrorSchema, 'output') },
    },
    paths,
  };
}
