import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { categories, customers, deflections, kbArticles, kbArticleVotes } from '@/db/schema';

const DAY = 86_400_000;

interface SeedArticle {
  slug: string;
  title: string;
  summary: string;
  body: string;
  audience: 'public' | 'internal';
  category: string;
  /** Helpful / not helpful votes (anonymous readers). */
  votes: [number, number];
}

/**
 * A few published articles so suggestions, deflections and ratings have something to show. The
 * help-centre seed writes the real library; these are kept by slug (`on conflict do nothing`),
 * so whichever runs first wins and neither fails.
 */
export const DEFLECT_ARTICLES: readonly SeedArticle[] = [
  {
    slug: 'reset-your-password',
    title: 'Reset your password',
    summary: 'Locked out or forgot your password? Set a new one in two minutes.',
    body: '## Reset your password\n\n1. Open **Sign in** and choose *Forgot your password?*\n2. Enter the e-mail address of your account.\n3. Follow the link in the e-mail within an hour and choose a new password.\n\nNo e-mail after ten minutes? Check your spam folder, then ask us.',
    audience: 'public',
    category: 'Login & access',
    votes: [14, 2],
  },
  {
    slug: 'when-will-my-refund-arrive',
    title: 'When will my refund arrive?',
    summary: 'Refunds reach your card 5–10 working days after we receive the return.',
    body: '## Refund timelines\n\nWe refund to the card you paid with as soon as the return is checked in, usually within two working days of arrival.\n\n- **Card**: 5–10 working days, depending on your bank.\n- **PayPal**: 1–2 working days.\n\nYou get an e-mail when the refund is issued. A refund to a card you no longer have still arrives: your bank passes it to the new card.',
    audience: 'public',
    category: 'Refund',
    votes: [9, 6],
  },
  {
    slug: 'return-or-exchange-an-item',
    title: 'How to return or exchange an item',
    summary: 'Print a free return label within 30 days and choose a refund or another size.',
    body: '## Returns and exchanges\n\nYou can return anything within **30 days** of delivery.\n\n1. Go to *Your orders* and choose **Return an item**.\n2. Pick a refund or an exchange (another size or colour).\n3. Print the label and drop the parcel at any post office.\n\nDamaged on arrival? Tell us with a photo and we send a replacement at once.',
    audience: 'public',
    category: 'Return & exchange',
    votes: [11, 1],
  },
  {
    slug: 'download-an-invoice-or-vat-invoice',
    title: 'Download a VAT invoice',
    summary: 'Every order has a VAT invoice you can download as a PDF.',
    body: '## VAT invoices\n\nOpen *Your orders*, choose the order and select **Download invoice**. To add a company name or VAT number, edit your billing details before you download it.',
    audience: 'public',
    category: 'Invoice question',
    votes: [3, 5],
  },
  {
    slug: 'parcel-marked-delivered-but-not-received',
    title: 'My parcel is marked delivered but is not here',
    summary: 'Check with neighbours and your safe place, then tell us within 48 hours.',
    body: '## Marked delivered, not received\n\n- Look for a card from the courier and check with your neighbours.\n- Check the safe place you chose at checkout.\n- Still missing after 48 hours? Ask us: we open a trace with the courier and send a replacement if it is lost.',
    audience: 'public',
    category: 'Delivery problem',
    votes: [6, 4],
  },
  {
    slug: 'sop-verifying-identity-before-account-changes',
    title: 'Procedure: verify identity before changing an account e-mail',
    summary: 'Two of three checks before any change to a login address.',
    body: '## Verify identity\n\nBefore changing the e-mail address of an account, confirm **two** of:\n\n1. The postcode of the billing address.\n2. The last four digits of the card on the latest order.\n3. A code sent to the current address.\n\nNever change the address on a request that arrived from the new address alone. Escalate to Accounts if in doubt.',
    audience: 'internal',
    category: 'Account change',
    votes: [0, 0],
  },
  {
    slug: 'procedure-duplicate-card-charge',
    title: 'Procedure: duplicate card charge',
    summary: 'Check the payment provider for a pending authorisation before refunding.',
    body: '## Charged twice\n\n1. Open the order in the payment provider.\n2. A second *authorisation* (not a capture) drops off by itself within 7 days: tell the customer so, and do not refund.\n3. Two *captures*: refund the second one and note the refund id on the request.',
    audience: 'internal',
    category: 'Invoice question',
    votes: [0, 0],
  },
];

/** What customers had typed when an article answered them. */
const QUERIES: Record<string, readonly string[]> = {
  'reset-your-password': ['forgot my password cannot log in', 'password reset link', 'locked out of my account'],
  'when-will-my-refund-arrive': ['where is my refund', 'refund not received yet', 'how long does a refund take'],
  'return-or-exchange-an-item': ['return a jacket wrong size', 'exchange for a bigger size', 'how do I send it back'],
  'download-an-invoice-or-vat-invoice': ['need invoice with VAT for my company'],
  'parcel-marked-delivered-but-not-received': ['tracking says delivered but nothing here'],
};

/** Deflections per public article over the last eight weeks (days ago), deterministic. */
const DEFLECTED_DAYS_AGO: Record<string, readonly number[]> = {
  'reset-your-password': [1, 2, 4, 6, 9, 11, 15, 19, 24, 33, 41, 50],
  'when-will-my-refund-arrive': [1, 3, 5, 8, 13, 20, 27, 36, 48],
  'return-or-exchange-an-item': [2, 7, 12, 18, 29, 44],
  'download-an-invoice-or-vat-invoice': [10, 38],
  'parcel-marked-delivered-but-not-received': [3, 16, 31],
};

/**
 * Help articles (a few, if none are seeded yet), their ratings, and deflected requests over the
 * last weeks — some by the demo customer, most by signed-out visitors. Runs inside the seed's
 * transaction, after the categories and customers.
 */
export async function seedDeflections(tx: Db, now: Date): Promise<void> {
  const cats = new Map(
    (await tx.select({ id: categories.id, name: categories.name }).from(categories)).map((c) => [c.name, c.id]),
  );
  const written = new Date(now.getTime() - 70 * DAY);
  await tx
    .insert(kbArticles)
    .values(
      DEFLECT_ARTICLES.map((a) => ({
        slug: a.slug,
        title: a.title,
        summary: a.summary,
        body: a.body,
        audience: a.audience,
        status: 'published' as const,
        categoryId: cats.get(a.category) ?? null,
        publishedAt: written,
        createdAt: written,
        updatedAt: written,
      })),
    )
    .onConflictDoNothing({ target: kbArticles.slug });
  const articles = new Map(
    (await tx.select({ id: kbArticles.id, slug: kbArticles.slug }).from(kbArticles)).map((a) => [a.slug, a.id]),
  );

  // Ratings: one anonymous vote row per vote, and the counts kept in step with them.
  const votes = DEFLECT_ARTICLES.flatMap((a) => {
    const id = articles.get(a.slug);
    if (!id) return [];
    const [yes, no] = a.votes;
    return Array.from({ length: yes + no }, (_, i) => ({
      articleId: id,
      voter: `a:seed-${a.slug}-${i}`,
      helpful: i < yes,
      createdAt: new Date(now.getTime() - (i + 2) * 2 * DAY),
    }));
  });
  if (votes.length) await tx.insert(kbArticleVotes).values(votes).onConflictDoNothing();

  const [demoCustomer] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.email, 'customer@demo.test'));
  const rows = Object.entries(DEFLECTED_DAYS_AGO).flatMap(([slug, days]) => {
    const id = articles.get(slug);
    const queries = QUERIES[slug] ?? [];
    if (!id) return [];
    return days.map((d, i) => ({
      articleId: id,
      // Every fourth by the demo customer, signed in; the rest by visitors.
      customerId: i % 4 === 1 ? (demoCustomer?.id ?? null) : null,
      query: queries[i % queries.length] ?? null,
      createdAt: new Date(now.getTime() - d * DAY - ((i * 37) % 600) * 60_000),
    }));
  });
  if (rows.length) await tx.insert(deflections).values(rows);

  // The counters on the articles say what the rows say.
  await tx.execute(sql`
    update ${kbArticles} a set
      deflection_count = (select count(*) from ${deflections} d where d.article_id = a.id),
      helpful_count = (select count(*) from ${kbArticleVotes} v where v.article_id = a.id and v.helpful),
      not_helpful_count = (select count(*) from ${kbArticleVotes} v where v.article_id = a.id and not v.helpful)`);
}
