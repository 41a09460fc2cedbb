import { z } from 'zod';
import { MAX_JSON_BYTES } from './handler';
import { IDEMPOTENCY_HOURS, MAX_IDEMPOTENCY_KEY } from './idempotency';
import type { Operation } from './operation';
import { COMMON_ERRORS, errorSchema } from './resources/common';
import { API_OPERATIONS } from './resources';

type JsonSchema = Record<string, unknown>;

/**
 * The OpenAPI 3.1 document, generated from the operations' zod schemas (the same schemas the
 * wrapper validates with): zod's own `z.toJSONSchema` (JSON Schema 2020-12, which OpenAPI 3.1
 * uses). Named schemas (`.meta({ id })`) become components; requests are described as the client
 * sends them (`io: 'input'`), answers as the client receives them (`io: 'output'`).
 */
export function openApiDocument(): Record<string, unknown> {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const { $schema: _s, $defs, ...rest } = json;
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      const fixed = rewriteRefs(def) as JsonSchema;
      const existing = components[name];
      if (existing && JSON.stringify(existing) !== JSON.stringify(fixed))
        throw new Error(`two different schemas are named ${name}`);
      components[name] = fixed;
    }
    return rewriteRefs(rest) as JsonSchema;
  };
  const errorRef = convert(errorSchema, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op, convert, errorRef);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Cairn API',
      version: '1',
      description: [
        'The REST API of Cairn. Authenticate with `Authorization: Bearer cairn_…` (a token from your account page or an admin).',
        'A token acts as its owner with the owner’s current role, within its scope: `read` (GET), `write` (changes), `admin`.',
        `Errors are JSON \`{ error, message, fieldErrors }\` with a stable \`error\` code. POSTs accept \`Idempotency-Key\` (same key and body within ${IDEMPOTENCY_HOURS} h → the same answer).`,
        'Updates of a ticket need `If-Match` with the ETag (its version) you read: 428 without, 412 when someone changed it since.',
        'Uploads are `multipart/form-data` with the file in `file` (the same size and type limits as the UI). Organizations keep no version: their updates take no If-Match.',
      ].join('\n\n'),
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    tags: [...new Set(API_OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token, `cairn_…`.' } },
      schemas: components,
    },
  };
}

function operationObject(
  op: Operation,
  convert: (schema: z.ZodType, io: 'input' | 'output') => JsonSchema,
  errorRef: JsonSchema,
): Record<string, unknown> {
  const parameters: Record<string, unknown>[] = [];
  const addParams = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const json = convert(schema, 'input');
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries((json.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...propSchema } = prop;
      parameters.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        ...(description ? { description } : {}),
        schema: propSchema,
        ...(where === 'query' ? { style: 'form', explode: true } : {}),
      });
    }
  };
  addParams(op.params, 'path');
  addParams(op.query, 'query');
  if (op.method === 'POST')
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: `Any unique text up to ${MAX_IDEMPOTENCY_KEY} characters: a retry with the same key and body gets the first answer (${IDEMPOTENCY_HOURS} h).`,
      schema: { type: 'string', maxLength: MAX_IDEMPOTENCY_KEY },
    });
  if (op.ifMatch)
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: true,
      description: 'The ETag of the ticket as you read it (its version).',
      schema: { type: 'string' },
    });

  const responses: Record<string, unknown> = {};
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: errorRef } },
  });
  for (const [status, spec] of Object.entries(op.responses)) {
    if (Number(status) >= 400) responses[status] = errorResponse(spec.description);
    else if (spec.contentType)
      responses[status] = { description: spec.description, content: { [spec.contentType]: { schema: {} } } };
    else
      responses[status] = {
        description: spec.description,
        ...(spec.schema ? { content: { 'application/json': { schema: convert(spec.schema, 'output') } } } : {}),
      };
  }
  for (const [status, description] of Object.entries(COMMON_ERRORS)) responses[status] ??= errorResponse(description);
  if (op.body) {
    responses['413'] ??= errorResponse(`The body is over ${MAX_JSON_BYTES} bytes (uploads: the attachment limit).`);
    responses['415'] ??= errorResponse('The body is not application/json.');
  }
  if (op.method === 'POST') {
    responses['409'] ??= errorResponse(
      'A request with this Idempotency-Key is still running (idempotency_in_progress).',
    );
    responses['422'] ??= errorResponse('The Idempotency-Key was used with another request (idempotency_key_reused).');
  }

  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    description: `${op.description ?? ''}\n\nScope: \`${op.scope}\`.`.trim(),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: op.multipart
              ? { 'multipart/form-data': { schema: convert(op.body, 'input') } }
              : { 'application/json': { schema: convert(op.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** `#/$defs/X` (zod's local references) → `#/components/schemas/X`. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === '$ref' && typeof v === 'string' ? v.replace(/^#\/\$defs\//, '#/components/schemas/') : rewriteRefs(v);
    }
    return out;
  }
  return value;
}
