import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { suggestArticles } from '@/lib/help/suggestions';
import { fromResult } from '../../respond';
import { NO_STORE, withPublicApi } from '../public';

/**
 * GET /api/v1/help/suggestions?q=…&category=<uuid> — public, published help articles matching
 * what a customer is typing (at most five: id, slug, title, summary). Signed in or not; limited
 * per address. A query over 1000 characters, a NUL byte or a malformed category is 400 `invalid`.
 */
export async function GET(request: NextRequest) {
  return withPublicApi(request, async (ip) => {
    const params = request.nextUrl.searchParams;
    const result = await suggestArticles(
      getDb(),
      { q: params.get('q') ?? undefined, category: params.get('category') ?? undefined },
      ip,
    );
    if (!result.ok) return fromResult(result);
    return NextResponse.json({ suggestions: result.data }, { headers: NO_STORE });
  });
}
