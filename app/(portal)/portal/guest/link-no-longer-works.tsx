import { PortalShell } from '@/components/layout/portal-shell';
import { FreshLinkForm } from '@/components/portal/fresh-link-form';
import { resendLinksAction } from './actions';

/** One page for every guest link that opens nothing (expired, tampered, another's), and for "lost my link". */
export function LinkNoLongerWorks({ lost = false }: { lost?: boolean }) {
  return (
    <PortalShell actor={null}>
      <h1 className="mb-2 text-2xl font-semibold">
        {lost ? 'Get fresh links to your requests' : 'This link no longer works'}
      </h1>
      <p className="mb-6 text-sm text-slate-700">
        {lost ? 'Lost the e-mail with your link?' : 'It may have expired, or it was copied incompletely.'} Enter your
        e-mail address and we will send you a fresh link to each of your open requests.
      </p>
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <FreshLinkForm resendAction={resendLinksAction} />
      </div>
    </PortalShell>
  );
}
