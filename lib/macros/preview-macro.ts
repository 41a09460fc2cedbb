import { and, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { macros, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { ticketNumber } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { activeCategory } from '@/lib/tickets/categories';
import { macroValues } from './macros';
import { renderMacro } from './render';

const previewSchema = z.object({ number: ticketNumber, macroId: z.uuid('Choose a macro.') });

export interface MacroPreview {
  body: string;
  setStatus: 'open' | 'pending' | 'on_hold' | null;
  setPriority: number | null;
  setCategoryId: string | null;
}

/**
 * A macro rendered for one request, changing nothing: the ticket page puts the text into the reply
 * box for the agent to review, and proposes the status it sets; sending is the agent's own act.
 */
export function previewMacro(db: Db, actor: Actor, raw: unknown): Promise<Result<MacroPreview>> {
  return runUseCase(db, previewSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const [macro] = await tx
      .select()
      .from(macros)
      .where(and(eq(macros.id, input.macroId), or(eq(macros.ownerId, actor.userId), eq(macros.scope, 'shared'))));
    if (!macro) fail('not_found', 'Macro not found.', { macroId: ['Macro not found.'] });
    const [ticket] = await tx
      .select({ customerId: tickets.customerId, number: tickets.number, cern: tickets.cern, subject: tickets.subject })
      .from(tickets)
      .where(eq(tickets.number, input.number));
    if (!ticket) fail('not_found', 'Request not found.');
    return {
      body: renderMacro(macro.body, await macroValues(tx, actor, ticket)),
      setStatus: (macro.setStatus as MacroPreview['setStatus']) ?? null,
      setPriority: macro.setPriority ?? null,
      // A category retired since the macro was written is not proposed: it leaves every form.
      setCategoryId: macro.setCategoryId ? ((await activeCategory(tx, macro.setCategoryId))?.id ?? null) : null,
    };
  });
}
