import { EVERYONE } from '@/app/_auth/session';
import { getReadDb } from '@/db/client';
import { exportDashboardSection } from '@/lib/metrics/dashboard-export';
import { csvDownload, fromResult, withApiActor } from '../../respond';

/**
 * GET /api/v1/dashboard/export?section=<key>&<the dashboard's period and filters> — one chart's or
 * table's figures as a CSV download (lib/metrics/dashboard-export.ts). Leads and admins; an agent
 * gets 403, a customer 404; an unknown section or a bad filter a 400 with {error, message}.
 */
export async function GET(request: Request) {
  return withApiActor(EVERYONE, async (actor) => {
    const result = await exportDashboardSection(getReadDb('export'), actor, new URL(request.url).searchParams);
    if (!result.ok) return fromResult(result);
    return csvDownload(result.data.fileName, result.data.body);
  });
}
