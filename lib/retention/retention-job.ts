import type { Db } from '@/db/client';
import { sweepIdempotencyKeys } from '@/lib/api/idempotency';
import { pruneAccountTokens } from '@/lib/auth/tokens';
import { getSettings } from '@/lib/settings/settings';
import { pruneWebhookLog } from '@/lib/webhooks/retention';
import type { BatchOptions } from './batches';

export interface RetentionResult {
  webhookDeliveries: number;
  webhookEvents: number;
  idempotencyKeys: number;
  accountTokens: number;
}

/**
 * The `retention.sweep` job (hourly): forgets what only grows — the webhook delivery log past the
 * admin's retention (settings `retention.webhookDays`, default 30), the API's Idempotency-Keys past
 * their 24 hours, and e-mailed account links well past their expiry. Each area owns its rule; this
 * runs them, every DELETE in batches with a bounded statement time (lib/retention/batches.ts).
 * Sessions are pruned at sign-in (lib/auth/sessions.ts) and API tokens are kept (few, made by hand,
 * and their list is the record of who had access).
 */
export async function retentionJob(db: Db, options: BatchOptions = {}): Promise<RetentionResult> {
  const { retention } = await getSettings(db);
  const webhooks = await pruneWebhookLog(db, retention.webhookDays, options);
  return {
    webhookDeliveries: webhooks.deliveries,
    webhookEvents: webhooks.events,
    idempotencyKeys: await sweepIdempotencyKeys(db, options),
    accountTokens: await pruneAccountTokens(db, options),
  };
}
