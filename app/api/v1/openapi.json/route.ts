import { openApiDocument } from '@/lib/api/openapi';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas (public, no secrets). */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
