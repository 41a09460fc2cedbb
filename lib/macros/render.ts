/** The placeholders a macro may use, and what each becomes. */
export const PLACEHOLDERS = [
  'customer.name',
  'customer.email',
  'ticket.number',
  'ticket.cern',
  'ticket.subject',
  'agent.name',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PATTERN = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g;

/** Placeholders in a macro body that Cairn does not know (refused when the macro is saved). */
export function unknownPlaceholders(body: string): string[] {
  const unknown = new Set<string>();
  for (const match of body.matchAll(PATTERN))
    if (!PLACEHOLDERS.includes(match[1] as Placeholder)) unknown.add(match[1]!);
  return [...unknown];
}

/** Fills the placeholders. A value the ticket does not have (no CERN yet) becomes an empty string. */
export function renderMacro(body: string, values: Record<Placeholder, string | null>): string {
  return body.replace(PATTERN, (whole, key: string) =>
    PLACEHOLDERS.includes(key as Placeholder) ? (values[key as Placeholder] ?? '') : whole,
  );
}
