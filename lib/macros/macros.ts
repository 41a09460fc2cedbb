import { and, asc, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, macros, type Macro, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { postReply } from '@/lib/pipeline/reply-to-ticket';
import { runUseCase } from '@/lib/core/run-use-case';
import { applyRules } from '@/lib/routing/rules';
import { MAX_BODY, safeString, ticketNumber } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import {
  appendEvents,
  formatNumber,
  lockTicket,
  nextState,
  saveTicket,
  stateEvents,
  type EventInput,
  type TicketPatch,
} from '@/lib/tickets/store';
import { activeCategory, categoryForUse } from '@/lib/tickets/categories';
import { PLACEHOLDERS, renderMacro, unknownPlaceholders, type Placeholder } from './render';

const optionalEmpty = <T extends z.ZodType>(schema: T) =>
  z
    .union([schema, z.literal('')])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v));

export const macroSchema = z.object({
  title: safeString({ error: 'Give the macro a title.' })
    .trim()
    .min(1, 'Give the macro a title.')
    .max(120, 'At most 120 characters.'),
  body: safeString({ error: 'Write the text of the macro.' })
    .trim()
    .min(1, 'Write the text of the macro.')
    .max(MAX_BODY)
    .superRefine((b, ctx) => {
      const unknown = unknownPlaceholders(b);
      if (unknown.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `Unknown placeholder: ${unknown.join(', ')}. Use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`,
        });
    }),
  scope: z.enum(['personal', 'shared']).default('personal'),
  setStatus: optionalEmpty(z.enum(['open', 'pending', 'on_hold'])),
  setPriority: optionalEmpty(z.coerce.number().int().min(1).max(4)),
  setCategoryId: optionalEmpty(z.uuid()),
});

/**
 * Saves a macro. Shared macros are for everyone; creating them is for leads and admins.
 * `onCreated` runs in the same transaction (the admin page records its audit row there).
 */
export function createMacro(
  db: Db,
  actor: Actor,
  raw: unknown,
  onCreated?: (tx: Db, macro: Macro) => Promise<void>,
): Promise<Result<Macro>> {
  return runUseCase(db, macroSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    if (input.scope === 'shared' && actor.role === 'agent')
      fail('forbidden', 'Only team leads share macros with everyone.', {
        scope: ['Only team leads share macros with everyone.'],
      });
    if (input.setCategoryId) await categoryForUse(tx, input.setCategoryId, { field: 'setCategoryId' });
    const [macro] = await tx
      .insert(macros)
      .values({
        title: input.title,
        body: input.body,
        scope: input.scope,
        ownerId: actor.userId,
        setStatus: input.setStatus,
        setPriority: input.setPriority,
        setCategoryId: input.setCategoryId,
      })
      .returning();
    if (!macro) throw new Error('macro insert returned nothing');
    await onCreated?.(tx, macro);
    return macro;
  });
}

/** The macros an agent may use: their own and the shared ones. */
export async function listMacros(db: Db, actor: Actor): Promise<Pick<Macro, 'id' | 'title' | 'scope' | 'body'>[]> {
  requirePermission(actor, 'ticket.work');
  return db
    .select({ id: macros.id, title: macros.title, scope: macros.scope, body: macros.body })
    .from(macros)
    .where(or(eq(macros.ownerId, actor.userId), eq(macros.scope, 'shared')))
    .orderBy(asc(macros.title));
}

/** What the placeholders become on this request. */
export async function macroValues(
  tx: Db,
  actor: Actor,
  ticket: Pick<Ticket, 'customerId' | 'number' | 'cern' | 'subject'>,
): Promise<Record<Placeholder, string | null>> {
  const [customer] = await tx
    .select({ name: customers.name, email: customers.email })
    .from(customers)
    .where(eq(customers.id, ticket.customerId));
  return {
    'customer.name': customer?.name ?? null,
    'customer.email': customer?.email ?? null,
    'ticket.number': formatNumber(ticket.number),
    'ticket.cern': ticket.cern,
    'ticket.subject': ticket.subject,
    'agent.name': actor.name,
  };
}

const applySchema = z.object({
  number: ticketNumber,
  macroId: z.uuid('Choose a macro.'),
  visibility: z.enum(['public', 'internal']).default('public'),
});

/**
 * Applies a macro to a request in one transaction: the rendered reply (or note), then the fields
 * it sets, each with its event — as if the agent had done each step by hand. The fields go through
 * the save path, so a priority set here moves the SLA due times as anywhere else.
 */
export function applyMacro(db: Db, actor: Actor, raw: unknown): Promise<Result<{ body: string }>> {
  return runUseCase(db, applySchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const [macro] = await tx
      .select()
      .from(macros)
      .where(and(eq(macros.id, input.macroId), or(eq(macros.ownerId, actor.userId), eq(macros.scope, 'shared'))));
    if (!macro) fail('not_found', 'Macro not found.', { macroId: ['Macro not found.'] });
    let ticket = await lockTicket(tx, input.number);
    const body = renderMacro(macro.body, await macroValues(tx, actor, ticket));
    ticket = (await postReply(tx, actor, ticket, { body, visibility: input.visibility })).ticket;

    const events: EventInput[] = [];
    let patch: TicketPatch = {};
    if (macro.setStatus && macro.setStatus !== ticket.status) {
      const action = ({ open: 'resume', pending: 'wait_on_customer', on_hold: 'hold' } as const)[
        macro.setStatus as 'open' | 'pending' | 'on_hold'
      ];
      const next = nextState(ticket, action);
      patch = { ...patch, ...next };
      events.push(...stateEvents(ticket, next));
    }
    if (macro.setPriority && macro.setPriority !== ticket.priority) {
      patch.priority = macro.setPriority;
      patch.priorityOverrideReason = `Macro: ${macro.title}`;
      events.push({
        type: 'priority_overridden',
        from: String(ticket.priority),
        to: String(macro.setPriority),
        data: { reason: `Macro: ${macro.title}` },
      });
    }
    if (macro.setCategoryId && macro.setCategoryId !== ticket.categoryId) {
      // A category retired since the macro was written is left out: it leaves every form.
      const category = await activeCategory(tx, macro.setCategoryId);
      if (category) {
        patch.categoryId = category.id;
        events.push({
          type: 'identified',
          from: ticket.categoryId,
          to: category.id,
          data: { category: category.name, macro: macro.title },
        });
      }
    }
    if (events.length > 0) {
      const saved = await saveTicket(tx, ticket, patch, actor.userId);
      await appendEvents(tx, ticket, actor.userId, events);
      await applyRules(tx, saved, 'updated'); // fields changed by staff: routing rules for updates
    }
    return { body };
  });
}
