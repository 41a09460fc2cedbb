import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { formatNumber } from '@/components/format';
import { PortalShell } from '@/components/layout/portal-shell';
import { CancelCard } from '@/components/portal/cancel-request';
import { GuestFiles } from '@/components/portal/guest-files';
import { ConfirmOrReopen, ReplyForm } from '@/components/portal/request-actions';
import { RequestProgress } from '@/components/portal/request-progress';
import { StatusBadge } from '@/components/tickets/badges';
import { Timeline } from '@/components/tickets/timeline';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { getGuestRequest } from '@/lib/guest/guest-request';
import { can, isReadOnly } from '@/lib/tickets/transitions';
import { guestCancelAction, guestConfirmAction, guestReopenAction, guestReplyAction } from '../actions';
import { LinkNoLongerWorks } from '../link-no-longer-works';
import { portalFiles } from '../portal-files';

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | undefined>> };

export const metadata: Metadata = { title: 'Your request', referrer: 'no-referrer' };

/**
 * A guest's request (issue 13): the one request its signed link names, with the same cards as the
 * signed-in request page. A link that opens nothing gets one page for every reason, with a way to
 * have fresh links mailed.
 */
export default async function GuestRequestPage({ params, searchParams }: Props) {
  const { token } = await params;
  const flags = await searchParams;
  const view = await getGuestRequest(getDb(), token);
  if (!view) return <LinkNoLongerWorks />;
  const { ticket } = view;
  const resolved = can(ticket, 'confirm');
  const closed = isReadOnly(ticket);
  const cancellable = can(ticket, 'cancel');

  return (
    <PortalShell actor={null}>
      {flags.reopened ? <FormMessage success="We have reopened your request and will look at it again." /> : null}
      {flags.followup ? (
        <FormMessage
          success={`Your earlier request was closed, so we opened follow-up request ${formatNumber(ticket.number)}. We have e-mailed you its link too.`}
        />
      ) : null}
      <header className="my-4 space-y-2">
        <h1 className="text-2xl font-semibold break-words">{ticket.subject}</h1>
        <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
          <span className="font-mono">Request {formatNumber(ticket.number)}</span>
          {ticket.cern ? <span className="font-mono">Reference {ticket.cern}</span> : null}
          <StatusBadge status={ticket.status} audience="customer" />
          <span>
            Opened <LocalTime value={ticket.createdAt} />
          </span>
        </div>
        <p className="text-xs text-slate-600">
          This private link works until <LocalTime value={view.expiresAt} dateOnly />; every e-mail we send about this
          request carries a fresh one. Do not share it: anyone with the link can read and answer this request.
        </p>
      </header>

      <div className="space-y-6">
        <RequestProgress outlook={view.outlook} />
        <Card title="Your request">
          <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{ticket.description}</p>
        </Card>

        {(resolved || closed) && ticket.resolutionSummary ? (
          <Card title="Resolution">
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{ticket.resolutionSummary}</p>
          </Card>
        ) : null}

        {resolved ? (
          <Card title="Is it fixed?">
            <ConfirmOrReopen
              confirmAction={guestConfirmAction.bind(null, token)}
              reopenAction={guestReopenAction.bind(null, token)}
              number={ticket.number}
            />
          </Card>
        ) : null}
        {closed ? <FormMessage success="This request is closed." /> : null}

        <Card title="Attachments">
          <GuestFiles token={token} attachments={view.attachments} />
        </Card>

        <section aria-labelledby="conversation">
          <h2 id="conversation" className="mb-3 text-lg font-semibold">
            Conversation
          </h2>
          <Timeline entries={view.timeline} audience="customer" />
        </section>

        <Card title={closed ? 'Still need help?' : 'Reply'}>
          <ReplyForm
            replyAction={guestReplyAction.bind(null, token)}
            number={ticket.number}
            closed={closed}
            idempotencyKey={randomUUID()}
            files={await portalFiles()}
          />
        </Card>

        <CancelCard cancelAction={guestCancelAction.bind(null, token)} number={ticket.number} show={cancellable} />
      </div>
      <p className="mt-8 text-xs text-slate-600">
        Want all your requests in one place?{' '}
        <a href="/signup" className="text-brand-700 underline">
          Create an account
        </a>{' '}
        with the same e-mail address.
      </p>
    </PortalShell>
  );
}
