import { getActor } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { AppError } from '@/lib/core/result';
import { refuseCrossSite } from '@/lib/security/origin';
import { DEFLECTION_BODY_LIMIT, recordDeflection } from '@/lib/help/deflections';
import { readJson } from '../../read-form';
import { fromResult } from '../../respond';
import { NO_STORE, withPublicApi } from '../public';

/**
 * POST /api/v1/help/deflections {"articleId": uuid, "query": "what was typed"} — "This answered
 * my question": records a deflected request (201 {id, articleId}). Signed in or not (a signed-in
 * customer's deflection is theirs); staff get 403. Only JSON is taken, so a cross-site form post
 * cannot record one (a JSON content type needs a CORS preflight, which this route never grants).
 */
export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  return withPublicApi(request, async (ip) => {
    const type = (request.headers.get('content-type') ?? '').toLowerCase();
    if (!type.startsWith('application/json')) throw new AppError('invalid', 'Send a JSON body.');
    const body = await readJson(request, DEFLECTION_BODY_LIMIT);
    const response = fromResult(await recordDeflection(getDb(), await getActor(), body, ip), 201);
    for (const [k, v] of Object.entries(NO_STORE)) response.headers.set(k, v);
    return response;
  });
}
