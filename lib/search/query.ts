import { formatCern } from '@/lib/cern/format';
import { normalizePhone } from '@/lib/customers/find-or-create';

const INT4_MAX = 2_147_483_647;

/** The longest query the box takes. */
export const MAX_QUERY = 200;

/** What the one search box was given, read as every identifier it could be. */
export interface SearchTerms {
  /** The words, as typed: full-text and trigram matching use them. */
  text: string;
  /** `1042` or `#1042`. */
  number: number | null;
  /** `CERN-2026-000123`, any case, dashes optional. */
  cern: string | null;
  /** A whole e-mail address, lower-cased. */
  email: string | null;
  /** A fragment with an `@` (`kofi@`, `@example.com`): matched inside addresses. */
  emailFragment: string | null;
  /** A phone number as stored (normalizePhone). */
  phone: string | null;
  /**
   * Its national part (digits after any leading zeros), matched at the end of stored numbers, so
   * `01632 960001` finds `+441632960001`.
   */
  phoneTail: string | null;
  /** One token (no spaces): may be an imported request's number in the helpdesk it came from (lib/import). */
  externalRef: string | null;
  /** Letters present: the query can be a name or a word with a typo. */
  hasLetters: boolean;
  /** A "quoted phrase" or an excluded -word: the agent wants the words exactly, not look-alikes. */
  exact: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]+$/;

export function readSearchTerms(raw: string): SearchTerms {
  const text = raw.trim();
  const numberMatch = /^#?(\d{1,10})$/.exec(text);
  const number = numberMatch ? Number(numberMatch[1]) : null;
  const cernMatch = /^CERN[-\s]?(\d{4})[-\s]?(\d{1,6})$/i.exec(text);
  const cernSequence = cernMatch ? Number(cernMatch[2]) : 0;
  const cernYear = cernMatch ? Number(cernMatch[1]) : 0;
  const digits = text.replace(/\D/g, '');
  const isPhone = PHONE.test(text) && digits.length >= 7 && digits.length <= 15;
  const tail = digits.replace(/^0+/, '');
  return {
    text,
    number: number !== null && number >= 1 && number <= INT4_MAX ? number : null,
    // CERN-0000-… names no exception (formatCern refuses the year): search it as text, not a 500.
    cern: cernMatch && cernSequence >= 1 && cernYear >= 1000 ? formatCern(cernYear, cernSequence) : null,
    email: EMAIL.test(text) ? text.toLowerCase() : null,
    emailFragment: text.includes('@') && !/\s/.test(text) && text.length >= 3 ? text.toLowerCase() : null,
    phone: isPhone ? normalizePhone(text) : null,
    phoneTail: isPhone && tail.length >= 7 ? tail : null,
    externalRef: /^\S{1,100}$/.test(text) ? text.replace(/^#/, '') : null,
    hasLetters: /\p{L}/u.test(text),
    exact: /"|(^|\s)-\S/.test(text),
  };
}
