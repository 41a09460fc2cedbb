import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { getSettings } from '@/lib/settings/settings';

/** What a portal form's file picker needs (lib/portal/uploads.ts): a fresh form key and the size limit. */
export async function portalFiles(): Promise<{ formKey: string; maxBytes: number }> {
  return { formKey: randomUUID(), maxBytes: (await getSettings(getDb())).attachments.maxBytes };
}
