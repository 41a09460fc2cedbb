import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, STAFF } from '@/app/_auth/session';
import { LivePresence, LiveTimeline } from '@/components/agent/live-ticket';
import { PropertiesPanel } from '@/components/agent/properties-panel';
import { ReplyBox } from '@/components/agent/reply-box';
import type { TicketActionSet } from '@/components/agent/ticket-actions';
import { TicketHeaderActions } from '@/components/agent/ticket-forms';
import { AttachmentPanel } from '@/components/attachments/attachment-panel';
import { formatNumber } from '@/components/format';
import { StaffShell } from '@/components/layout/staff-shell';
import { PriorityBadge, StageBadge, StatusBadge } from '@/components/tickets/badges';
import { SlaFlag } from '@/components/tickets/sla-flag';
import { LinkedText, staffTicketHref } from '@/components/tickets/linked-text';
import { SurveyAnswer } from '@/components/tickets/survey-answer';
import { Card } from '@/components/ui/card';
import { LocalTime, SlaDueText } from '@/components/ui/local-time';
import { formatMinutes } from '@/lib/sla/format';
import { getDb } from '@/db/client';
import { listAttachments } from '@/lib/attachments/get-attachment';
import { getSettings } from '@/lib/settings/settings';
import { listMacros } from '@/lib/macros/macros';
import { getTicketForStaff } from '@/lib/tickets/get-ticket';
import { externalReferenceOf } from '@/lib/import/imports';
import { getReferenceData } from '@/lib/tickets/reference-data';
import { allowedActions, isOpenStatus, isReadOnly } from '@/lib/tickets/transitions';
import {
  closeAction,
  createMacroAction,
  escalateAction,
  linkAction,
  mergeAction,
  previewMacroAction,
  raiseExceptionAction,
  resolveAction,
  savePropertiesAction,
  sendAction,
  setWaitingAction,
  takeAction,
} from './actions';
import { SuggestedHelp } from './suggested-help';
import { FollowUpCard } from './follow-up-card';
import { ProblemCard } from './problem-card';

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { number } = await params;
  return { title: `#${number}` };
}

const ACTIONS: TicketActionSet = {
  take: takeAction,
  properties: savePropertiesAction,
  send: sendAction,
  setWaiting: setWaitingAction,
  escalate: escalateAction,
  resolve: resolveAction,
  close: closeAction,
  raiseException: raiseExceptionAction,
  merge: mergeAction,
  link: linkAction,
  createMacro: createMacroAction,
  previewMacro: previewMacroAction,
};

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1.5 text-sm">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium break-words text-slate-800">{children}</dd>
    </div>
  );
}

/**
 * The agent's ticket page: the state and the frequent actions in the header, the conversation and
 * the reply box in the middle, one properties panel beside it. What is offered comes from the
 * state machine (`allowedActions`), never from a copy of its rules.
 */
export default async function TicketPage({ params }: Props) {
  const actor = await requireActor(STAFF);
  const { number } = await params;
  const db = getDb();
  const [view, reference, files, macros, settings] = await Promise.all([
    loadOr404(getTicketForStaff(db, actor, number)),
    getReferenceData(db),
    listAttachments(db, actor, number),
    listMacros(db, actor),
    getSettings(db),
  ]);
  const { ticket, customer } = view;
  const external = await externalReferenceOf(db, ticket.id);
  const ids = { number: ticket.number, version: ticket.version };
  const allowed = allowedActions(ticket);
  const readOnly = isReadOnly(ticket);
  const active = isOpenStatus(ticket.status);

  return (
    <StaffShell actor={actor}>
      <p className="mb-2 text-sm">
        <Link href="/tickets" className="text-brand-700 underline">
          ← Queue
        </Link>
      </p>
      <header className="mb-6 space-y-3">
        <h1 className="text-2xl font-semibold break-words">
          <span className="font-mono text-slate-600">{formatNumber(ticket.number)}</span> {ticket.subject}
        </h1>
        <div role="group" aria-label="Request state" className="flex flex-wrap items-center gap-2 text-sm">
          <StatusBadge status={ticket.status} />
          <StageBadge stage={ticket.stage} />
          <PriorityBadge priority={ticket.priority} />
          {ticket.cern ? (
            <span className="rounded bg-red-50 px-2 py-0.5 font-mono text-xs font-semibold text-red-700">
              {ticket.cern}
            </span>
          ) : null}
          {external ? (
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
              Imported from {external.source} as <span className="font-mono">{external.externalId}</span>
            </span>
          ) : null}
          <span className="text-slate-600">
            {view.assigneeName ? `Assigned to ${view.assigneeName}` : 'Unassigned'} · via {ticket.channel} · opened{' '}
            <LocalTime value={ticket.createdAt} />
          </span>
          {active ? (
            <span aria-label="SLA">
              · <SlaDueText clock={ticket} withTarget /> <SlaFlag clock={ticket} />
            </span>
          ) : null}
        </div>
        {!readOnly ? (
          <TicketHeaderActions
            ids={ids}
            allowed={allowed}
            canTake={active && ticket.assigneeId !== actor.userId}
            hasCern={ticket.cern !== null}
            actions={ACTIONS}
            teams={reference.teams}
            currentTeamId={ticket.teamId}
            reference={reference}
            canShareMacros={actor.role !== 'agent'}
          />
        ) : null}
        <LivePresence number={ticket.number} me={actor.userId} />
      </header>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <Card
            title="Description"
            actions={
              view.descriptionEmailId ? (
                <Link href={`/tickets/emails/${view.descriptionEmailId}`} className="text-brand-700 text-sm underline">
                  Original e-mail
                </Link>
              ) : null
            }
          >
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{ticket.description}</p>
          </Card>
          {ticket.cern ? (
            <Card title={`Exception ${ticket.cern}`}>
              <p className="text-sm whitespace-pre-wrap">{ticket.exceptionDetails}</p>
              {ticket.incidentAt ? (
                <p className="mt-2 text-xs text-slate-600">
                  Incident <LocalTime value={ticket.incidentAt} />
                </p>
              ) : null}
            </Card>
          ) : null}
          {ticket.resolutionSummary && !active ? (
            <Card title="Resolution">
              <p className="text-sm whitespace-pre-wrap">
                <LinkedText text={ticket.resolutionSummary} hrefFor={staffTicketHref} />
              </p>
            </Card>
          ) : null}
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
              Conversation
            </h2>
            <LiveTimeline number={ticket.number} initial={view.timeline} />
          </section>
          {!readOnly ? (
            <Card title="Reply or add a note">
              <ReplyBox
                number={ticket.number}
                version={ticket.version}
                allowed={allowed}
                macros={macros}
                categories={reference.categories}
                actions={ACTIONS}
              />
            </Card>
          ) : (
            <p className="text-sm text-slate-600">
              This request is closed and read-only. A new message from the customer opens a follow-up request.
            </p>
          )}
        </div>

        <aside className="min-w-0 space-y-6" aria-label="Request details">
          <FollowUpCard actor={actor} ticket={ticket} />
          <ProblemCard actor={actor} ticket={ticket} />
          {!readOnly ? (
            <Card title="Properties">
              <PropertiesPanel
                number={ticket.number}
                version={ticket.version}
                allowed={allowed}
                reference={reference}
                action={ACTIONS.properties}
                stored={{
                  status: ticket.status,
                  categoryId: ticket.categoryId,
                  categoryName: view.categoryName,
                  severity: ticket.severity,
                  impact: ticket.impact,
                  teamId: ticket.teamId,
                  assigneeId: ticket.assigneeId,
                  assigneeName: view.assigneeName,
                  priority: ticket.priority,
                  overrideReason: ticket.priorityOverrideReason,
                  tags: view.tags,
                }}
              />
            </Card>
          ) : null}

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
              {readOnly ? (
                <>
                  <Detail label="Category">
                    {view.categoryName ? `${view.categoryName}${view.categoryRetired ? ' (retired)' : ''}` : '—'}
                  </Detail>
                  <Detail label="Team">{view.teamName ?? '—'}</Detail>
                  <Detail label="Assignee">{view.assigneeName ?? 'Unassigned'}</Detail>
                  <Detail label="Tags">{view.tags.length ? view.tags.join(', ') : '—'}</Detail>
                </>
              ) : null}
              <Detail label="First response due">
                {ticket.firstResponseDueAt ? <LocalTime value={ticket.firstResponseDueAt} /> : '—'}
              </Detail>
              <Detail label="First response">
                {ticket.firstResponseAt ? <LocalTime value={ticket.firstResponseAt} /> : 'Not yet'}
              </Detail>
              <Detail label="Resolution due">
                {ticket.resolutionDueAt ? <LocalTime value={ticket.resolutionDueAt} /> : '—'}
              </Detail>
              <Detail label="SLA policy">
                {view.slaPolicy
                  ? `${view.slaPolicy.name} (${view.slaPolicy.calendarName ?? 'round the clock'})`
                  : 'Built-in targets (round the clock)'}
              </Detail>
              {ticket.firstResponseBusinessMs !== null ? (
                <Detail label="First response time">
                  {formatMinutes(Math.round(ticket.firstResponseBusinessMs / 60_000))} business
                </Detail>
              ) : null}
              {ticket.resolutionBusinessMs !== null ? (
                <Detail label="Resolution time">
                  {formatMinutes(Math.round(ticket.resolutionBusinessMs / 60_000))} business
                </Detail>
              ) : null}
              {ticket.reopenCount > 0 ? <Detail label="Reopened">{ticket.reopenCount}×</Detail> : null}
              {view.followUpOfNumber ? (
                <Detail label="Follow-up to">
                  <Link href={`/tickets/${view.followUpOfNumber}`} className="text-brand-700 underline">
                    {formatNumber(view.followUpOfNumber)}
                  </Link>
                </Detail>
              ) : null}
              {view.links.map((l) => (
                <Detail
                  key={`${l.kind}-${l.number}`}
                  label={
                    l.kind === 'merged_into' ? 'Merged into' : l.kind === 'merged_from' ? 'Merged from' : 'Related'
                  }
                >
                  <Link href={`/tickets/${l.number}`} className="text-brand-700 underline">
                    {formatNumber(l.number)}
                  </Link>
                </Detail>
              ))}
              {view.survey?.answeredAt ? (
                <Detail label="Survey">
                  <SurveyAnswer survey={view.survey} />
                </Detail>
              ) : null}
            </dl>
          </Card>

          <SuggestedHelp actor={actor} ticket={ticket} />
          <Card title="Attachments">
            <AttachmentPanel
              number={ticket.number}
              attachments={files.ok ? files.data : []}
              canUpload={!readOnly}
              maxBytes={settings.attachments.maxBytes}
              audience="staff"
            />
          </Card>
        </aside>
      </div>
    </StaffShell>
  );
}
