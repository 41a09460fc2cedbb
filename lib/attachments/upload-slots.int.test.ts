import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { makeCustomer, testDb } from '@/lib/testing/fixtures';
import { claimUploadSlot, UPLOADS_PER_USER } from './upload-slots';

/** Issue 11: 20 concurrent 10 MB uploads by one customer took the server from 351 MB to 909 MB. */
describe('upload slots', () => {
  let one: DbHandle;
  let two: DbHandle; // a second app instance's pool
  beforeAll(() => {
    one = testDb();
    two = testDb();
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it(`lets one user have ${UPLOADS_PER_USER} uploads in progress, across instances, and frees them after`, async () => {
    const customer = await makeCustomer(one.db);
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claimUploadSlot(i % 2 ? two.db : one.db, customer.userId)),
    );
    const held = claims.filter((c) => c !== null);
    expect(held).toHaveLength(UPLOADS_PER_USER);
    // Someone else is not affected.
    const other = await makeCustomer(one.db);
    expect(await claimUploadSlot(two.db, other.userId)).not.toBeNull();

    await held[0]!.release();
    const again = await claimUploadSlot(two.db, customer.userId);
    expect(again).not.toBeNull();
    expect(await claimUploadSlot(one.db, customer.userId)).toBeNull();
  });

  it('takes over a slot whose upload died (expired)', async () => {
    const customer = await makeCustomer(one.db);
    for (let i = 0; i < UPLOADS_PER_USER; i++)
      expect(await claimUploadSlot(one.db, customer.userId, { ttlSeconds: 0 })).not.toBeNull();
    expect(await claimUploadSlot(two.db, customer.userId)).not.toBeNull();
  });
});
