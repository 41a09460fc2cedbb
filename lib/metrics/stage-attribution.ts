import { STAGES, stageSpans, type StageEvent, type StageSpan } from './stage-spans';

/*
 * Which team and category a request had during each of its stays (issue 14, cycle time per
 * stage). The request's team and category now are the anchor; walking its events backwards, each
 * event that changed one of them gives the value before it. A stay during which the team or the
 * category changed is cut into pieces at each change, and each piece belongs to the team and
 * category the request had then: five hours waiting at Support then one at Billing is five hours
 * for Support and one for Billing, never six for Billing. The stay as a whole (its first piece's
 * start to its last piece's end) is what the overall figures count.
 *
 * The events that change them:
 * - team: `assigned` with data.field 'team' (identification, the properties panel, bulk edits,
 *   routing rules) and `escalated` (manual or on breach), `from`/`to` the team ids;
 * - category: `rule_applied` with data.action 'category' (routing rules) and a bulk `identified`
 *   (`from`/`to` the category ids), and `identified` with data.categoryId / data.fromCategoryId
 *   (identification; events written before those keys existed name the category only by name,
 *   so the category before them is taken to be the one after — the best the history says).
 */

/**
 * The event types that can change a request's team or category besides the stage events
 * (`identified` is one already); the stage-span trigger's filter names them too.
 */
export const OWNER_EVENT_TYPES = ['assigned', 'escalated', 'rule_applied'] as const;

export interface Owner {
  teamId: string | null;
  categoryId: string | null;
}

export interface OwnerChange {
  field: 'teamId' | 'categoryId';
  /** The value before; undefined when the event does not say (the value after is kept). */
  from: string | null | undefined;
  at: Date;
}

/** One piece of a stay, at one team and category. */
export interface StagePiece extends StageSpan, Owner {
  /** When the whole stay began (the first piece's start). */
  stayStartedAt: Date;
  /** The stay's last piece: its end is the stay's end (null while the request is still in the stage). */
  lastOfStay: boolean;
}

const isStageValue = (value: string | null) => value !== null && (STAGES as readonly string[]).includes(value);
const idOrNull = (value: unknown): string | null | undefined =>
  value === null ? null : typeof value === 'string' && value !== '' ? value : undefined;

/** The team or category change an event records, if any. */
export function ownerChange(event: StageEvent & { fromValue: string | null }): OwnerChange | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.type === 'assigned' && data.field === 'team')
    return { field: 'teamId', from: event.fromValue, at: event.createdAt };
  // Escalation moves the request to another team (lib/pipeline/escalate-ticket.ts): from/to are team ids.
  if (event.type === 'escalated' && event.toValue !== null)
    return { field: 'teamId', from: event.fromValue, at: event.createdAt };
  if (event.type === 'rule_applied' && data.action === 'category')
    return { field: 'categoryId', from: event.fromValue, at: event.createdAt };
  if (event.type === 'identified') {
    // A bulk category change is an `identified` whose from/to are category ids, not stages.
    if (event.toValue !== null && !isStageValue(event.toValue))
      return { field: 'categoryId', from: event.fromValue, at: event.createdAt };
    if ('categoryId' in data) {
      const from = idOrNull(data.fromCategoryId);
      return from === idOrNull(data.categoryId) ? null : { field: 'categoryId', from, at: event.createdAt };
    }
  }
  return null;
}

/**
 * The request's owners over time: `initial` from its creation, then the owner after each change
 * (in the order they happened), anchored on `current` and walked backwards.
 */
export function ownersOverTime(
  current: Owner,
  changes: readonly OwnerChange[],
): { initial: Owner; after: { at: Date; owner: Owner }[] } {
  const after: { at: Date; owner: Owner }[] = [];
  let owner = { ...current };
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i]!;
    after.unshift({ at: change.at, owner });
    if (change.from !== undefined) owner = { ...owner, [change.field]: change.from };
  }
  return { initial: owner, after };
}

/**
 * The request's stays cut into pieces at each change of team or category, each with the owner it
 * had then. `events` in the order they happened (stage and owner events; others are ignored).
 */
export function stagePieces(
  createdAt: Date,
  events: readonly (StageEvent & { fromValue: string | null })[],
  current: Owner,
): StagePiece[] {
  const changes = events.flatMap((e) => {
    const c = ownerChange(e);
    return c ? [c] : [];
  });
  const { initial, after } = ownersOverTime(current, changes);
  const ownerAt = (t: number) => {
    let owner = initial;
    for (const a of after) if (a.at.getTime() <= t) owner = a.owner;
    return owner;
  };
  const pieces: StagePiece[] = [];
  for (const stay of stageSpans(createdAt, events)) {
    const start = stay.startedAt.getTime();
    const end = stay.endedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    // Cut where the owner changes strictly inside the stay; a change at its very start or end
    // belongs to the neighbouring stay (identification moves stage and team in one transaction).
    const cuts = [...new Set(after.map((a) => a.at.getTime()).filter((t) => t > start && t < end))].sort(
      (a, b) => a - b,
    );
    const bounds = [start, ...cuts];
    bounds.forEach((from, i) => {
      const to = i + 1 < bounds.length ? new Date(bounds[i + 1]!) : stay.endedAt;
      const last = i === bounds.length - 1;
      const owner = ownerAt(from);
      const previous = pieces[pieces.length - 1];
      // A change that leaves team and category as they were (A → B → A at once) cuts nothing.
      if (i > 0 && previous && previous.teamId === owner.teamId && previous.categoryId === owner.categoryId) {
        previous.endedAt = to;
        previous.lastOfStay = last;
        return;
      }
      pieces.push({
        stage: stay.stage,
        startedAt: new Date(from),
        endedAt: to,
        stayStartedAt: stay.startedAt,
        lastOfStay: last,
        teamId: owner.teamId,
        categoryId: owner.categoryId,
      });
    });
  }
  return pieces;
}
