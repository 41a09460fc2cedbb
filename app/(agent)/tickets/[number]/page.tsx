import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, STAFF } from '@/app/_auth/session';
import { LivePresence, LiveTimeline } from '@/components/agent/live-ticket';
import { MacroForms, MergeLinkForms, TagsForm } from '@/components/agent/tool-forms';
import { EscalateForm, ExceptionForm, IdentifyForm, ReplyBox, ResolveForm, StatusForm, TakeForm } from '@/components/agent/ticket-forms';
import { AttachmentPanel } from '@/components/attachments/attachment-panel';
import { formatDateTime, formatNumber } from '@/components/format';
import { StaffShell } from '@/components/layout/staff-shell';
import { PriorityBadge, StageBadge, StatusBadge } from '@/components/tickets/badges';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listAttachments } from '@/lib/attachments/get-attachment';
import { maxAttachmentBytes } from '@/lib/attachments/limits';
import { IMPACT_LABELS, SEVERITY_LABELS, type Severity } from '@/lib/priority/priority';
import { listMacros } from '@/lib/macros/macros';
import { getTicketForStaff } from '@/lib/tickets/get-ticket';
import { getReferenceData } from '@/lib/tickets/reference-data';

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { number } = await params;
  return { title: `#${number}` };
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium text-slate-800">{children}</dd>
    </div>
  );
}

export default async function TicketPage({ params }: Props) {
  const actor = await requireActor(STAFF);
  const { number } = await params;
  const db = getDb();
  const [view, reference, files, macros] = await Promise.all([
    loadOr404(getTicketForStaff(db, actor, number)),
    getReferenceData(db),
    listAttachments(db, actor, number),
    listMacros(db, actor),
  ]);
  const { ticket, customer } = view;
  const ids = { number: ticket.number, version: ticket.version };
  const active = ticket.status !== 'resolved' && ticket.status !== 'closed';
  const identified = ticket.stage === 'resolution' || ticket.stage === 'follow_up';

  return (
    <StaffShell actor={actor}>
      <p className="mb-2 text-sm">
        <Link href="/tickets" className="text-brand-700 underline">
          ← Queue
        </Link>
      </p>
      <header className="mb-6 space-y-2">
        <h1 className="text-2xl font-semibold break-words">
          <span className="font-mono text-slate-500">{formatNumber(ticket.number)}</span> {ticket.subject}
        </h1>
        <div role="group" aria-label="Request state" className="flex flex-wrap items-center gap-2 text-sm">
          <StatusBadge status={ticket.status} />
          <StageBadge stage={ticket.stage} />
          <PriorityBadge priority={ticket.priority} />
          {ticket.cern ? <span className="rounded bg-red-50 px-2 py-0.5 font-mono text-xs font-semibold text-red-700">{ticket.cern}</span> : null}
          <span className="text-slate-500">
            via {ticket.channel} · opened {formatDateTime(ticket.createdAt)}
          </span>
        </div>
        <LivePresence number={ticket.number} me={actor.userId} />
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <Card title="Description">
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{ticket.description}</p>
          </Card>
          {ticket.cern ? (
            <Card title={`Exception ${ticket.cern}`}>
              <p className="text-sm whitespace-pre-wrap">{ticket.exceptionDetails}</p>
              {ticket.incidentAt ? <p className="mt-2 text-xs text-slate-500">Incident {formatDateTime(ticket.incidentAt)}</p> : null}
            </Card>
          ) : null}
          {ticket.resolutionSummary && !active ? (
            <Card title="Resolution">
              <p className="text-sm whitespace-pre-wrap">{ticket.resolutionSummary}</p>
            </Card>
          ) : null}
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
              Timeline
            </h2>
            <LiveTimeline number={ticket.number} initial={view.timeline} />
          </section>
          {ticket.status !== 'closed' ? (
            <Card title="Reply or add a note">
              <ReplyBox number={ticket.number} />
            </Card>
          ) : (
            <p className="text-sm text-slate-600">This request is closed and read-only. A new message from the customer opens a follow-up request.</p>
          )}
        </div>

        <aside className="space-y-6" aria-label="Request details and actions">
          <Card title="Details">
            <dl className="divide-y divide-slate-100">
              <Detail label="Customer">
                <Link href={`/customers/${customer.id}`} className="text-brand-700 underline">
                  {customer.name}
                </Link>
              </Detail>
              {customer.email ? <Detail label="E-mail">{customer.email}</Detail> : null}
              {customer.phone ? <Detail label="Phone">{customer.phone}</Detail> : null}
              {customer.organization ? <Detail label="Organization">{customer.organization}</Detail> : null}
              <Detail label="Category">{view.categoryName ?? '—'}</Detail>
              <Detail label="Severity">{ticket.severity ? `${ticket.severity} — ${SEVERITY_LABELS[ticket.severity as Severity]}` : '—'}</Detail>
              <Detail label="Impact">{ticket.impact ? IMPACT_LABELS[ticket.impact] : '—'}</Detail>
              <Detail label="Team">{view.teamName ?? '—'}</Detail>
              <Detail label="Assignee">{view.assigneeName ?? 'Unassigned'}</Detail>
              <Detail label="First response due">{ticket.firstResponseDueAt ? formatDateTime(ticket.firstResponseDueAt) : '—'}</Detail>
              <Detail label="First response">{ticket.firstResponseAt ? formatDateTime(ticket.firstResponseAt) : 'Not yet'}</Detail>
              <Detail label="Resolution due">{ticket.resolutionDueAt ? formatDateTime(ticket.resolutionDueAt) : '—'}</Detail>
              {ticket.reopenCount > 0 ? <Detail label="Reopened">{ticket.reopenCount}×</Detail> : null}
              {view.followUpOfNumber ? (
                <Detail label="Follow-up to">
                  <Link href={`/tickets/${view.followUpOfNumber}`} className="text-brand-700 underline">
                    {formatNumber(view.followUpOfNumber)}
                  </Link>
                </Detail>
              ) : null}
              {view.links.map((l) => (
                <Detail key={`${l.kind}-${l.number}`} label={l.kind === 'merged_into' ? 'Merged into' : l.kind === 'merged_from' ? 'Merged from' : 'Related'}>
                  <Link href={`/tickets/${l.number}`} className="text-brand-700 underline">
                    {formatNumber(l.number)}
                  </Link>
                </Detail>
              ))}
              {view.survey?.answeredAt ? (
                <Detail label="Survey">
                  CSAT {view.survey.csat}/5 · NPS {view.survey.nps}/10
                </Detail>
              ) : null}
            </dl>
          </Card>

          <Card title="Attachments">
            <AttachmentPanel number={ticket.number} attachments={files.ok ? files.data : []} canUpload={ticket.status !== 'closed'} maxBytes={maxAttachmentBytes()} audience="staff" />
          </Card>

          {ticket.status !== 'closed' ? (
            <Card title="Tags">
              <TagsForm number={ticket.number} tags={view.tags} />
            </Card>
          ) : null}

          {ticket.status !== 'closed' ? (
            <Card title="Macros">
              <MacroForms number={ticket.number} macros={macros} reference={reference} canShare={actor.role !== 'agent'} />
            </Card>
          ) : null}

          {active && ticket.assigneeId !== actor.userId ? (
            <Card title="Take it">
              <TakeForm {...ids} />
            </Card>
          ) : null}

          {active ? (
            <Card title="Identification">
              <IdentifyForm
                {...ids}
                reference={reference}
                current={{ categoryId: ticket.categoryId, severity: ticket.severity, impact: ticket.impact, teamId: ticket.teamId, assigneeId: ticket.assigneeId }}
              />
            </Card>
          ) : null}

          {active && !ticket.cern ? (
            <Card title="Exception">
              <p className="mb-3 text-xs text-slate-500">Raise a CERN when this issue needs special attention. It needs identification first.</p>
              <ExceptionForm {...ids} />
            </Card>
          ) : null}

          {active && identified ? (
            <Card title="Resolve">
              <ResolveForm {...ids} />
            </Card>
          ) : null}

          {active ? (
            <Card title="Waiting">
              <StatusForm {...ids} status={ticket.status} />
            </Card>
          ) : null}

          {active ? (
            <Card title="Escalate">
              <EscalateForm {...ids} teams={reference.teams} currentTeamId={ticket.teamId} />
            </Card>
          ) : null}

          {active ? (
            <Card title="Merge or link">
              <MergeLinkForms number={ticket.number} />
            </Card>
          ) : null}
        </aside>
      </div>
    </StaffShell>
  );
}
