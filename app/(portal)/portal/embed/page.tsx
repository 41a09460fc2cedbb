import type { Metadata } from 'next';
import { GuestFormPanel } from '../guest/guest-form-panel';

export const metadata: Metadata = { title: 'Contact support' };

/**
 * The guest request form for a company website's <iframe> (issue 13): no portal header, nothing
 * signed in. Only this path may be framed, by the origins in EMBED_ALLOWED_ORIGINS (proxy.ts,
 * lib/security/headers.ts). It always asks as a guest, whoever is signed in elsewhere: a framed
 * page must offer nothing a session could do.
 */
export default function EmbedPage() {
  return (
    <main className="mx-auto max-w-2xl p-4">
      <h1 className="mb-1 text-xl font-semibold">Contact support</h1>
      <p className="mb-4 text-sm text-slate-600">
        Tell us what is wrong. We e-mail you a link to follow your request and answer us — no account needed.
      </p>
      <GuestFormPanel />
    </main>
  );
}
