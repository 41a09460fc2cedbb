import { NextResponse } from 'next/server';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { getAvailability, setAvailability } from '@/lib/routing/availability';
import { readJson } from '../read-form';
import { fromResult, withApiActor, withApiWriter } from '../respond';

/** GET /api/v1/availability — the signed-in staff member's availability for automatic assignment. */
export async function GET() {
  return withApiActor(STAFF, async (actor) =>
    NextResponse.json(await getAvailability(getDb(), actor), { headers: { 'Cache-Control': 'no-store' } }),
  );
}

/**
 * PUT /api/v1/availability {"status":"available"|"away"} — sets it for oneself; back to available,
 * answers how many waiting requests were picked up.
 */
export async function PUT(request: Request) {
  return withApiWriter(request, STAFF, async (actor) =>
    fromResult(await setAvailability(getDb(), actor, await readJson(request, 1024))),
  );
}
