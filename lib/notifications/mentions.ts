/** Someone who can be @mentioned in an internal note: an active staff member. */
export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

// An `@` starts a mention at the start of the text or after anything that cannot be part of an
// e-mail address, so "write to ada@example.com" mentions nobody.
const MENTION_START = /(?<![\p{L}\p{N}._+\-@])@/gu;
const LOCAL_PART = /^[\p{L}\p{N}._+-]+/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * The staff members a note mentions, each once, in the order first mentioned. Two forms:
 * - `@Ada Lovelace` — a staff member's full name, any case (the longest name wins, so
 *   `@Ada Lovelace` is not taken for a colleague named `Ada`);
 * - `@ada` — the local part of their e-mail address (ada@example.com), any case; trailing
 *   full stops are punctuation (`ask @ada.` mentions ada). A local part two people share
 *   mentions both.
 * A name must end at a word boundary: `@Adam` does not mention `Ada`.
 */
export function findMentions(body: string, staff: readonly Mentionable[]): string[] {
  if (!body.includes('@') || staff.length === 0) return [];
  const byName = [...staff]
    .map((s) => ({ id: s.id, name: s.name.trim().toLocaleLowerCase() }))
    .filter((s) => s.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const found: string[] = [];
  const add = (id: string) => {
    if (!found.includes(id)) found.push(id);
  };
  for (const match of body.matchAll(MENTION_START)) {
    const rest = body.slice(match.index + 1);
    const lower = rest.toLocaleLowerCase();
    const named = byName.filter((s) => lower.startsWith(s.name) && !WORD_CHAR.test(rest.charAt(s.name.length)));
    const longest = named[0]?.name.length;
    if (longest !== undefined) {
      for (const s of named) if (s.name.length === longest) add(s.id);
      continue;
    }
    const local = LOCAL_PART.exec(rest)?.[0].replace(/\.+$/, '').toLocaleLowerCase();
    if (!local) continue;
    for (const s of staff) if (localPart(s.email) === local) add(s.id);
  }
  return found;
}

const localPart = (email: string): string => email.slice(0, email.lastIndexOf('@')).toLocaleLowerCase();
