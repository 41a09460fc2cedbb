import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { requireActor, STAFF } from '@/app/_auth/session';
import { LogContactForm } from '@/components/agent/log-contact-form';
import { StaffShell } from '@/components/layout/staff-shell';
import { getDb } from '@/db/client';
import { listActiveCategories } from '@/lib/tickets/categories';
import { logContactAction } from './actions';

export const metadata: Metadata = { title: 'Log a contact' };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function LogContactPage({ searchParams }: Props) {
  const actor = await requireActor(STAFF);
  const { name, email, phone } = await searchParams;
  const categories = await listActiveCategories(getDb());
  return (
    <StaffShell actor={actor}>
      <h1 className="mb-1 text-2xl font-semibold">Log a contact</h1>
      <p className="mb-6 text-sm text-slate-600">
        A phone call, chat, social media message or e-mail becomes a request with a number the customer can quote.
      </p>
      <div className="max-w-2xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <LogContactForm
          logContactAction={logContactAction}
          categories={categories}
          idempotencyKey={randomUUID()}
          initial={{ name, email, phone }}
        />
      </div>
    </StaffShell>
  );
}
