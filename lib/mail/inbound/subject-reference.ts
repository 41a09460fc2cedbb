/** `[#1042]` (the tag our subjects carry) and CERNs, as a customer's reply quotes them. */
const NUMBER_TAG = /\[#(\d{1,10})\]/;
const CERN = /\bCERN-\d{4}-\d{6}\b/i;

/** The request a subject names, if any: its number (in `[#…]`) or its CERN. */
export function subjectReference(subject: string): { number?: number; cern?: string } {
  const tag = NUMBER_TAG.exec(subject);
  const number = tag ? Number(tag[1]) : undefined;
  const cern = CERN.exec(subject)?.[0].toUpperCase();
  return {
    ...(number !== undefined && Number.isSafeInteger(number) && number <= 2_147_483_647 ? { number } : {}),
    ...(cern ? { cern } : {}),
  };
}
