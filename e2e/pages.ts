import { expect, type Browser, type Page } from '@playwright/test';
import { personAs } from './helpers';

/** Every page of the app, by who sees it: [name, path]. Built from the seeded demo data. */
export interface PageSet {
  customer: Page;
  agent: Page;
  lead: Page;
  pages: { who: 'anonymous' | 'customer' | 'agent' | 'lead'; name: string; path: string }[];
}

export async function everyPage(browser: Browser): Promise<PageSet> {
  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal');
  const myRequest = await customer
    .getByRole('list', { name: 'My requests' })
    .getByRole('link')
    .first()
    .getAttribute('href');

  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets?view=open');
  const ticket = await agent
    .getByRole('table', { name: 'All open' })
    .getByRole('row')
    .nth(1)
    .getByRole('link')
    .first()
    .getAttribute('href');
  await agent.goto(ticket!);
  const profile = await agent.getByRole('region', { name: 'Details' }).getByRole('link').first().getAttribute('href');
  expect(profile).toMatch(/^\/customers\//);

  // The demo's request that came in by e-mail (lib/seed/inbound.ts) and its original.
  await agent.goto('/tickets/search?q=Lindqvist');
  await agent
    .getByRole('link', { name: /Invoice PDF will not open/ })
    .first()
    .click();
  const original = await agent
    .getByRole('region', { name: 'Description' })
    .getByRole('link', { name: 'Original e-mail' })
    .getAttribute('href');
  expect(original).toMatch(/^\/tickets\/emails\//);

  const lead = await personAs(browser, 'lead@demo.test');
  return {
    customer,
    agent,
    lead,
    pages: [
      { who: 'anonymous', name: 'sign in', path: '/signin' },
      { who: 'anonymous', name: 'sign up', path: '/signup' },
      { who: 'anonymous', name: 'not found', path: '/no-such-page' },
      { who: 'customer', name: 'portal list', path: '/portal' },
      { who: 'customer', name: 'portal new request', path: '/portal/new' },
      { who: 'customer', name: 'portal request', path: myRequest! },
      { who: 'customer', name: 'account (customer)', path: '/account' },
      { who: 'agent', name: 'queue', path: '/tickets?view=open' },
      { who: 'agent', name: 'views', path: '/tickets/views' },
      { who: 'agent', name: 'search', path: '/tickets/search?q=refund' },
      { who: 'agent', name: 'ticket', path: ticket! },
      { who: 'agent', name: 'customer profile', path: profile! },
      { who: 'agent', name: 'log contact', path: '/contacts/new' },
      { who: 'agent', name: 'original e-mail', path: original! },
      { who: 'agent', name: 'account (staff)', path: '/account' },
      { who: 'lead', name: 'dashboard', path: '/dashboard' },
    ],
  };
}
