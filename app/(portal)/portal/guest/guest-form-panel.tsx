import { randomUUID } from 'node:crypto';
import { GuestRequestForm } from '@/components/portal/guest-request-form';
import { getDb } from '@/db/client';
import { getSettings } from '@/lib/settings/settings';
import { listActiveCategories } from '@/lib/tickets/categories';
import { guestSubmitAction } from './actions';

/** The guest request form with its data: shared by /portal/new (signed out) and /portal/embed. */
export async function GuestFormPanel() {
  const db = getDb();
  const [categories, settings] = await Promise.all([listActiveCategories(db), getSettings(db)]);
  return (
    <GuestRequestForm
      action={guestSubmitAction}
      categories={categories}
      idempotencyKey={randomUUID()}
      formKey={randomUUID()}
      maxBytes={settings.attachments.maxBytes}
    />
  );
}
