import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { getSuggestedArticle } from '@/lib/help/suggestions';
import { fromResult } from '../../../respond';
import { NO_STORE, withPublicApi } from '../../public';

/**
 * GET /api/v1/help/suggestions/<article id> — one suggested article to read in place: title,
 * summary and the body as sanitized HTML. Only public, published articles; anything else is 404.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return withPublicApi(request, async (ip) => {
    const { id } = await params;
    const result = await getSuggestedArticle(getDb(), id, ip);
    if (!result.ok) return fromResult(result);
    return NextResponse.json(result.data, { headers: NO_STORE });
  });
}
