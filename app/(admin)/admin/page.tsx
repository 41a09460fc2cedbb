import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LEADS, requireActor } from '@/app/_auth/session';

export const metadata: Metadata = { title: 'Administration' };

/** /admin opens on its first section. */
export default async function AdminIndex() {
  await requireActor(LEADS);
  redirect('/admin/people');
}
