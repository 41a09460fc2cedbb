import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { getActor, requireActor } from '@/app/_auth/session';
import { PortalShell } from '@/components/layout/portal-shell';
import { NewRequestForm } from '@/components/portal/new-request-form';
import { getDb } from '@/db/client';
import { listActiveCategories } from '@/lib/tickets/categories';
import { submitRequestAction } from '../actions';
import { portalFiles } from '../guest/portal-files';
import { GuestNewRequestPage } from './guest-page';

export const metadata: Metadata = { title: 'New request' };

export default async function NewRequestPage() {
  if (!(await getActor())) return <GuestNewRequestPage />;
  const actor = await requireActor(['customer']);
  const categories = await listActiveCategories(getDb());
  return (
    <PortalShell actor={actor}>
      <h1 className="mb-1 text-2xl font-semibold">New request</h1>
      <p className="mb-6 text-sm text-slate-600">
        Tell us what is wrong. You will get a request number at once and can follow it here.
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <NewRequestForm
          submitRequestAction={submitRequestAction}
          categories={categories}
          idempotencyKey={randomUUID()}
          files={await portalFiles()}
        />
      </div>
    </PortalShell>
  );
}
