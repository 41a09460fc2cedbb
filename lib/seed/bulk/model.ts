import type { Catalog } from './catalog';
import { intArray, pick, rnd, textArray, textMatrix, weighted } from './sql';
import { SENTENCE_FRAMES, VOCABULARY } from './words';

/**
 * What the ticket, message, event and survey statements must agree on, as SQL expressions of the
 * ticket number `n` (and of columns already stored): the issue script a ticket follows, the agent
 * who works it, how many messages it has and when each was written. Each statement recomputes
 * them from the same hashes instead of carrying them in extra columns.
 */
export const T = {
  customer: 1,
  channel: 2,
  variant: 3,
  severity: 4,
  impact: 5,
  override: 6,
  overrideDir: 7,
  exception: 8,
  active: 9,
  activeStatus: 10,
  stage: 11,
  resolveA: 12,
  resolveB: 13,
  path: 14,
  followA: 15,
  assignee: 16,
  worker: 17,
  messages: 18,
  note: 19,
  reopen: 20,
  subject: 21,
  subjectWord: 22,
  known: 23,
  raise: 24,
  incident: 25,
  reason: 26,
  extra: 27,
  extraA: 28,
  extraB: 29,
  followB: 30,
  csat: 31,
  nps: 32,
  comment: 33,
  commentPick: 34,
} as const;

/** Message-level salts; the key is `n * 64 + j`. */
export const M = { extra: 50, extraA: 51, extraB: 52, rare: 53, rarePick: 54, line: 55 } as const;

/** Every 25,000th ticket is a long thread of 50 messages, so the ticket page can be measured at that size. */
export const LONG_THREAD = { every: 25_000, at: 12_345, messages: 50 } as const;

export interface TicketModel {
  variant(n: string): string;
  teamIndex(variant: string): string;
  categoryIndex(variant: string): string;
  worker(n: string, team: string): string;
  workerFirstName(n: string, team: string): string;
  /** Issue script text of a variant: `subject`, `description`, `question`, … */
  script(field: keyof Omit<Catalog['variants'][number], 'category'>, variant: string): string;
  messageCount(n: string, status: string): string;
  hasNote(n: string, m: string): string;
  reopened(n: string, finished: string, m: string): string;
  followUpPath(n: string): string;
  /** When message `j` of `m` was written: spread from creation to resolution, or to 90% of the age of an open ticket. */
  messageAt(j: string, m: string, createdAt: string, resolvedAt: string, finished: string, now: string): string;
  /** Fills `{order}`, `{amount}` and `{invoice}` for ticket `n`. */
  fill(text: string, n: string, createdAt: string): string;
  /** A sentence of skewed vocabulary words, or '' (keyed by `key`; `share` of keys get one). */
  extraSentence(key: string, salts: readonly [number, number, number], share: number): string;
}

export function ticketModel(catalog: Catalog): TicketModel {
  const { variants, variantSlots, categories, teams } = catalog;
  const width = Math.max(...teams.map((t) => t.members.length));
  // Rectangular arrays: short teams repeat their members, and the pick is bounded by the real size.
  const padded = <T>(items: T[]) => Array.from({ length: width }, (_, i) => items[i % items.length] as T);
  const memberIds = textMatrix(teams.map((t) => padded(t.members.map((m) => m.id))));
  const memberNames = textMatrix(teams.map((t) => padded(t.members.map((m) => m.firstName))));
  const teamSizes = intArray(teams.map((t) => t.members.length));
  const teamOfVariant = intArray(variants.map((v) => categories[v.category - 1]?.team ?? 1));
  const categoryOfVariant = intArray(variants.map((v) => v.category));
  const memberPick = (n: string, team: string) =>
    `[${team}][1 + floor(${rnd(n, T.worker)} * (${teamSizes})[${team}])::int]`;

  return {
    variant: (n) => pick(intArray(variantSlots), variantSlots.length, rnd(n, T.variant)),
    teamIndex: (variant) => `(${teamOfVariant})[${variant}]`,
    categoryIndex: (variant) => `(${categoryOfVariant})[${variant}]`,
    worker: (n, team) => `((${memberIds})${memberPick(n, team)})::uuid`,
    workerFirstName: (n, team) => `(${memberNames})${memberPick(n, team)}`,
    script: (field, variant) => `(${textArray(variants.map((v) => v[field]))})[${variant}]`,
    messageCount: (n, status) =>
      `(CASE WHEN ${status} = 'new' THEN 1 + (${rnd(n, T.messages)} < 0.2)::int` +
      ` WHEN ${n} % ${LONG_THREAD.every} = ${LONG_THREAD.at} THEN ${LONG_THREAD.messages}` +
      ` ELSE ${weighted(rnd(n, T.messages), [
        [2, 22],
        [3, 8],
        [4, 18],
        [5, 15],
        [6, 12],
        [7, 9],
        [8, 7],
        [9, 5],
        [10, 2],
        [12, 2],
      ])} END)`,
    hasNote: (n, m) => `(${m} >= 4 AND ${rnd(n, T.note)} < 0.3)`,
    reopened: (n, finished, m) => `(${finished} AND ${m} >= 6 AND ${rnd(n, T.reopen)} < 0.12)`,
    followUpPath: (n) =>
      weighted(rnd(n, T.path), [
        ["'answer'", 62],
        ["'confirm'", 10],
        ["'auto'", 28],
      ]),
    messageAt: (j, m, createdAt, resolvedAt, finished, now) =>
      `(CASE WHEN ${finished} THEN ${createdAt} + (${resolvedAt} - ${createdAt}) * power((${j} - 1)::float8 / greatest(${m} - 1, 1), 1.5)` +
      ` ELSE ${createdAt} + (${now} - ${createdAt}) * 0.9 * power((${j} - 1)::float8 / ${m}, 1.5) END)`,
    fill: (text, n, createdAt) =>
      `replace(replace(replace(${text}, '{order}', 'ORD-' || (10000 + (${n})::bigint * 7919 % 90000)),` +
      ` '{amount}', '£' || (12 + (${n})::bigint * 31 % 469) || '.' || lpad(((${n})::bigint * 17 % 100)::text, 2, '0')),` +
      ` '{invoice}', 'INV-' || extract(year from ${createdAt})::int || '-' || (1000 + (${n})::bigint * 13 % 9000))`,
    extraSentence: (key, [salt, saltA, saltB], share) => {
      const word = (s: number) => pick(textArray(VOCABULARY), VOCABULARY.length, rnd(key, s), 2.2);
      const frame = pick(textArray(SENTENCE_FRAMES), SENTENCE_FRAMES.length, rnd(key, saltA + 100));
      return `(CASE WHEN ${rnd(key, salt)} < ${share} THEN ' ' || replace(replace(${frame}, '{a}', ${word(saltA)}), '{b}', ${word(saltB)}) ELSE '' END)`;
    },
  };
}
