import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { ticketNumber, version } from '@/lib/core/fields';
import type { Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { lockTicket } from '@/lib/tickets/store';
import { tagList, tagLocked, tagsOf } from '@/lib/tickets/tags';
import { applyRules } from '@/lib/routing/rules';
import { identifyLocked, type Identification } from './identify-ticket';
import { identifySchema } from './schemas';
import { setWaitingLocked, WAIT_ACTIONS, type WaitStatus } from './set-waiting';

/**
 * The properties panel's form: the request and the version the agent saw, and only the parts that
 * changed — `identify=1` with the identification fields, `status`, `tagsAdd`/`tagsRemove`
 * (comma-separated). Every part is validated before anything is written; tag errors are reported
 * on the panel's `tags` field.
 */
export const savePropertiesSchema = z
  .looseObject({
    number: ticketNumber,
    version,
    identify: z.enum(['1', '']).optional(),
    status: z.enum([...(Object.keys(WAIT_ACTIONS) as WaitStatus[]), ''], { error: 'Choose a status.' }).optional(),
    tagsAdd: z.unknown().optional(),
    tagsRemove: z.unknown().optional(),
  })
  .transform((v, ctx) => {
    let failed = false;
    const report = (error: z.ZodError, field?: string) => {
      failed = true;
      for (const issue of error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: field ? [field] : issue.path });
    };
    const tags = z
      .object({ add: tagList.optional().default([]), remove: tagList.optional().default([]) })
      .safeParse({ add: v.tagsAdd || undefined, remove: v.tagsRemove || undefined });
    if (!tags.success) report(tags.error, 'tags');
    let identification: Identification | undefined;
    if (v.identify === '1') {
      const parsed = identifySchema.safeParse(v);
      if (!parsed.success) report(parsed.error);
      else {
        const { number: _number, version: _version, ...fields } = parsed.data;
        identification = fields;
      }
    }
    if (failed || !tags.success) return z.NEVER;
    return {
      number: v.number,
      version: v.version,
      identification,
      status: v.status || undefined,
      tagsAdd: tags.data.add,
      tagsRemove: tags.data.remove,
    };
  });

export interface SavedProperties {
  ticket: Ticket;
  tags: string[];
  /** Which parts changed: 'identification', 'status', 'tags'. */
  changed: string[];
}

/**
 * The properties panel, saved together: identification, status and tags in ONE transaction with
 * one version check, each part through its own rules (identification and its priority, team and
 * assignee; the state machine; tags) and the one save path; a refusal anywhere saves nothing.
 */
export function saveProperties(db: Db, actor: Actor, raw: unknown): Promise<Result<SavedProperties>> {
  return runUseCase(db, savePropertiesSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    let ticket = await lockTicket(tx, input.number, input.version);
    const changed: string[] = [];
    if (input.identification) {
      ticket = await identifyLocked(tx, actor, ticket, input.identification);
      changed.push('identification');
    }
    // The status the agent chose; identification may already have reached it (new → open).
    if (input.status && input.status !== ticket.status) {
      ticket = await setWaitingLocked(tx, actor, ticket, input.status);
      changed.push('status');
    }
    if (input.tagsAdd.length > 0 || input.tagsRemove.length > 0) {
      await tagLocked(tx, actor, ticket, input.tagsAdd, input.tagsRemove);
      changed.push('tags');
    }
    // Routing rules for updates, once for the whole save (lib/routing/rules.ts).
    if (changed.length > 0) ticket = await applyRules(tx, ticket, 'updated');
    return { ticket, tags: await tagsOf(tx, ticket.id), changed };
  });
}
