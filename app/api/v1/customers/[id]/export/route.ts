import { ADMINS } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { exportCustomer } from '@/lib/customers/export-customer';
import { fromResult, withApiActor } from '../../../respond';

/** GET /api/v1/customers/:id/export — everything about one customer as a JSON download (admins). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withApiActor(ADMINS, async (actor) => {
    const { id } = await params;
    const result = await exportCustomer(getDb(), actor, { customerId: id });
    if (!result.ok) return fromResult(result.code === 'invalid' ? { ...result, code: 'not_found' } : result);
    return new Response(JSON.stringify(result.data.document, null, 2), {
      status: 200,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${result.data.fileName}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  });
}
