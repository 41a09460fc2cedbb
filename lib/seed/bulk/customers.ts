import { emailSlug, FIRST_NAMES, LAST_NAMES, ORGANIZATION_KINDS } from './words';
import { pick, rnd, textArray, timestamp, uuidOf, weighted } from './sql';

/** Salts of the hashes that make customers and organizations: one per drawn property. */
const S = {
  id: 100,
  org: 110,
  first: 111,
  last: 112,
  noEmail: 113,
  phone: 114,
  hasOrg: 115,
  whichOrg: 116,
  channel: 117,
  tag: 118,
  tld: 119,
  since: 120,
} as const;

/** Customer `k` (0-based) of the bulk set; tickets compute it from the index without a join. */
export const customerId = (k: string): string => uuidOf(k, 200);
export const organizationId = (k: string): string => uuidOf(k, 210);

export const organizationCount = (customers: number): number =>
  Math.min(LAST_NAMES.length * ORGANIZATION_KINDS.length, Math.max(10, Math.round(customers / 200)));

/** Organizations `lo..hi` (0-based): "<surname> <kind>", unique by construction. */
export function insertOrganizationsSql(count: number, since: Date): string {
  return `
insert into organizations (id, name, domain, created_at)
select ${organizationId('k')},
       l.last || ' ' || (${textArray(ORGANIZATION_KINDS)})[1 + k / ${LAST_NAMES.length}],
       (${textArray(LAST_NAMES.map(emailSlug))})[1 + k % ${LAST_NAMES.length}] || '-' || lower((${textArray(ORGANIZATION_KINDS)})[1 + k / ${LAST_NAMES.length}]) || '.example',
       ${timestamp(since)} - (k % 365) * interval '1 day'
from generate_series(0, ${count - 1}) k,
     lateral (select (${textArray(LAST_NAMES)})[1 + k % ${LAST_NAMES.length}] as last) l`;
}

/**
 * Customers `lo..hi` (0-based). Names are drawn with a skew (Smith and Oliver are common,
 * Featherstonehaugh is not); e-mail addresses carry the index so they stay unique; most have a
 * phone and a few have only a phone. All were on file before the bulk history starts, so none
 * is newer than their first request.
 */
export function insertCustomersSql(lo: number, hi: number, organizations: number, since: Date): string {
  const first = pick(textArray(FIRST_NAMES), FIRST_NAMES.length, 'r_first', 1.3);
  const firstSlug = pick(textArray(FIRST_NAMES.map(emailSlug)), FIRST_NAMES.length, 'r_first', 1.3);
  const last = pick(textArray(LAST_NAMES), LAST_NAMES.length, 'r_last', 1.8);
  const lastSlug = pick(textArray(LAST_NAMES.map(emailSlug)), LAST_NAMES.length, 'r_last', 1.8);
  const channel = weighted('r_channel', [
    ["'email'", 35],
    ["'web'", 25],
    ["'phone'", 20],
    ["'chat'", 12],
    ["'social'", 5],
    ['null', 3],
  ]);
  return `
insert into customers (id, name, email, phone, organization_id, preferred_channel, notes, tags, created_at)
select ${customerId('k')},
       ${first} || ' ' || ${last},
       case when r_no_email < 0.03 then null
            else ${firstSlug} || '.' || ${lastSlug} || '.' || k || '@example.' || ${pick(textArray(['com', 'net', 'org', 'co.uk']), 4, 'r_tld')} end,
       case when r_no_email < 0.03 or r_phone < 0.75 then '+44770' || lpad(k::text, 7, '0') end,
       case when r_org < 0.25 then ${organizationId(`floor(power(r_which_org, 1.5) * ${organizations})::int`)} end,
       (${channel})::channel,
       '',
       case when r_tag < 0.02 then '{vip}'::text[] when r_tag < 0.05 then '{b2b}'::text[] when r_tag < 0.06 then '{accessibility}'::text[] else '{}'::text[] end,
       ${timestamp(since)} - (1 + 400 * ${rnd('k', S.since)}) * interval '1 day'
from (
  select k, ${rnd('k', S.first)} r_first, ${rnd('k', S.last)} r_last, ${rnd('k', S.noEmail)} r_no_email, ${rnd('k', S.phone)} r_phone,
         ${rnd('k', S.hasOrg)} r_org, ${rnd('k', S.whichOrg)} r_which_org, ${rnd('k', S.channel)} r_channel, ${rnd('k', S.tag)} r_tag, ${rnd('k', S.tld)} r_tld
  from generate_series(${lo}, ${hi}) k
  offset 0
) r`;
}
