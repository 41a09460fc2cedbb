import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor } from '@/app/_auth/session';
import { AttachmentPanel } from '@/components/attachments/attachment-panel';
import { formatNumber } from '@/components/format';
import { LocalTime } from '@/components/ui/local-time';
import { PortalShell } from '@/components/layout/portal-shell';
import { ConfirmOrReopen, ReplyForm } from '@/components/portal/request-actions';
import { SurveyForm } from '@/components/portal/survey-form';
import { RequestProgress } from '@/components/portal/request-progress';
import { StatusBadge } from '@/components/tickets/badges';
import { LinkedText, portalRequestHref } from '@/components/tickets/linked-text';
import { Timeline } from '@/components/tickets/timeline';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';
import { getDb } from '@/db/client';
import { listAttachments } from '@/lib/attachments/get-attachment';
import { getSettings } from '@/lib/settings/settings';
import { getTicketForCustomer } from '@/lib/tickets/get-ticket';
import { can, isReadOnly } from '@/lib/tickets/transitions';
import { cancelAction, confirmAction, reopenAction, replyAction, surveyAction } from '../../actions';
import { portalFiles } from '../../guest/portal-files';
import { CancelCard } from '@/components/portal/cancel-request';

type Props = { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { number } = await params;
  return { title: `Request #${number}` };
}

export default async function RequestPage({ params, searchParams }: Props) {
  const actor = await requireActor(['customer']);
  const { number } = await params;
  const flags = await searchParams;
  const [view, files, settings] = await Promise.all([
    loadOr404(getTicketForCustomer(getDb(), actor, number)),
    listAttachments(getDb(), actor, number),
    getSettings(getDb()),
  ]);
  const { ticket, survey } = view;
  const resolved = can(ticket, 'confirm');
  const closed = isReadOnly(ticket);

  return (
    <PortalShell actor={actor}>
      <p className="mb-2 text-sm">
        <Link href="/portal" className="text-brand-700 underline">
          ← My requests
        </Link>
      </p>
      {flags.submitted ? (
        <FormMessage success={`Thank you! We have received your request ${formatNumber(ticket.number)}.`} />
      ) : null}
      {flags.reopened ? <FormMessage success="We have reopened your request and will look at it again." /> : null}
      {flags.followup ? (
        <FormMessage
          success={`Your earlier request was closed, so we opened follow-up request ${formatNumber(ticket.number)}.`}
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
          {view.followUpOfNumber ? (
            <span>
              Follow-up to{' '}
              <Link href={`/portal/requests/${view.followUpOfNumber}`} className="text-brand-700 underline">
                {formatNumber(view.followUpOfNumber)}
              </Link>
            </span>
          ) : null}
        </div>
      </header>

      <div className="space-y-6">
        <RequestProgress outlook={view.outlook} />
        <Card title="Your request">
          <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{ticket.description}</p>
        </Card>

        {(resolved || closed) && ticket.resolutionSummary ? (
          <Card title="Resolution">
            <p className="text-sm whitespace-pre-wrap text-slate-800">
              <LinkedText text={ticket.resolutionSummary} hrefFor={portalRequestHref} />
            </p>
            {ticket.resolvedAt ? (
              <p className="mt-2 text-xs text-slate-600">
                Resolved <LocalTime value={ticket.resolvedAt} />
              </p>
            ) : null}
          </Card>
        ) : null}

        {resolved ? (
          <Card title="Is it fixed?">
            <ConfirmOrReopen confirmAction={confirmAction} reopenAction={reopenAction} number={ticket.number} />
            <p className="mt-4 text-xs text-slate-600">
              {settings.followUpDays === 0
                ? 'If we do not hear from you, we will close it shortly.'
                : `If we do not hear from you within ${settings.followUpDays} day${settings.followUpDays === 1 ? '' : 's'} of the resolution, we will close it.`}
            </p>
          </Card>
        ) : null}

        {closed && survey?.confirmed ? (
          <FormMessage success="Thank you for confirming. Your request is closed." />
        ) : null}
        {closed && survey && !survey.confirmed && ticket.resolvedAt ? (
          <FormMessage success="This request was closed after the follow-up period." />
        ) : null}
        {closed && !survey && ticket.resolvedAt ? <FormMessage success="This request is closed." /> : null}

        {survey && !survey.answeredAt && settings.survey.enabled && (resolved || closed) ? (
          <Card title="Rate our service">
            <SurveyForm surveyAction={surveyAction} hidden={{ number: ticket.number }} ask={settings.survey} />
          </Card>
        ) : null}
        {survey?.answeredAt ? (
          <p className="text-sm text-slate-600">
            {survey.csat !== null
              ? `You rated this request ${survey.csat}/5${survey.nps !== null ? ` (recommend ${survey.nps}/10)` : ''}.`
              : survey.nps !== null
                ? `You would recommend us ${survey.nps}/10.`
                : 'We have your feedback.'}{' '}
            Thank you!
          </p>
        ) : null}

        <Card title="Attachments">
          <AttachmentPanel
            number={ticket.number}
            attachments={files.ok ? files.data : []}
            canUpload={!closed}
            maxBytes={settings.attachments.maxBytes}
            audience="customer"
          />
        </Card>

        <section aria-labelledby="conversation">
          <h2 id="conversation" className="mb-3 text-lg font-semibold">
            Conversation
          </h2>
          <Timeline entries={view.timeline} audience="customer" />
        </section>

        <Card title={closed ? 'Still need help?' : 'Reply'}>
          <ReplyForm
            replyAction={replyAction}
            number={ticket.number}
            closed={closed}
            idempotencyKey={randomUUID()}
            files={await portalFiles()}
          />
        </Card>
        <CancelCard cancelAction={cancelAction} number={ticket.number} show={can(ticket, 'cancel')} />
      </div>
    </PortalShell>
  );
}
