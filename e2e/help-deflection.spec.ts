import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { personAs, unique } from './helpers';

/** Serious or critical axe findings in one part of the page, in the state it is in now. */
async function axeProblems(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The dashboard's "Deflected requests" figure for the last 30 days. */
async function deflectedOnDashboard(lead: Page): Promise<number> {
  await lead.goto('/dashboard?days=30');
  const section = lead.getByRole('region', { name: 'Help centre and deflection' });
  await expect(section.getByRole('term').first()).toHaveText('Deflected requests');
  return Number((await section.getByRole('definition').first().textContent())!.replace(/\D/g, ''));
}

test('a customer finds the answer while typing a request, ends the visit, and the lead sees it counted', async ({
  browser,
}) => {
  const lead = await personAs(browser, 'lead@demo.test');
  const before = await deflectedOnDashboard(lead);
  expect(before).toBeGreaterThan(0); // the demo's deflections (lib/seed/deflect.ts)

  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill('Where is my refund?');
  await customer.getByLabel('Description').fill('I sent the jacket back two weeks ago and the money has not arrived.');

  const suggestions = customer.getByRole('region', { name: 'These articles may answer your question' });
  const article = suggestions.getByRole('button', { name: 'When will my refund arrive?' });
  await expect(article).toBeVisible();
  await expect(customer.getByRole('status').filter({ hasText: /suggested articles? may answer/ })).toHaveCount(1);

  // Keyboard: open the article in place and read it.
  await article.focus();
  await customer.keyboard.press('Enter');
  await expect(article).toHaveAttribute('aria-expanded', 'true');
  await expect(suggestions.getByRole('heading', { name: 'How long it takes' })).toBeVisible();
  expect(await axeProblems(customer, 'main')).toEqual([]);

  await suggestions.getByRole('button', { name: 'This answered my question' }).click();
  const done = customer.getByRole('heading', { name: 'Glad that helped' });
  await expect(done).toBeVisible();
  await expect(done).toBeFocused();
  await expect(customer.getByText(/nothing was sent/)).toBeVisible();
  await expect(customer.getByRole('button', { name: 'Submit request' })).toBeHidden();

  await expect.poll(() => deflectedOnDashboard(lead)).toBe(before + 1);
  await expect(
    lead
      .getByRole('table', { name: 'Top deflecting articles in the period' })
      .getByRole('link', { name: 'When will my refund arrive?' }),
  ).toBeVisible();
  expect(await axeProblems(lead, 'main')).toEqual([]);
});

test('"I still need help" keeps the text; the agent sees suggested help on the request and inserts its link', async ({
  browser,
}) => {
  const subject = unique('Refund not received');
  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Category (optional)').selectOption({ label: 'Refund' });
  await customer.getByLabel('Description').fill('My refund for the returned shoes has still not arrived.');
  const suggestions = customer.getByRole('region', { name: 'These articles may answer your question' });
  await suggestions.getByRole('button', { name: 'When will my refund arrive?' }).click();
  await suggestions.getByRole('button', { name: 'I still need help' }).click();
  await expect(customer.getByRole('button', { name: 'Submit request' })).toBeFocused();
  await expect(customer.getByLabel('Subject')).toHaveValue(subject);
  await expect(customer.getByLabel('Description')).toHaveValue(/returned shoes/);
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer).toHaveURL(/\/portal\/requests\/\d+/, { timeout: 30_000 });
  await expect(customer.getByRole('status')).toContainText(/We have received your request #\d+/);
  const number = (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();

  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto(`/tickets/${number}`);
  const help = agent.getByRole('region', { name: 'Suggested help' });
  const article = help.getByRole('button', { name: 'When will my refund arrive?' });
  await expect(article).toBeVisible();
  await expect(help.getByText('Internal').first()).toBeVisible(); // the duplicate-charge procedure is staff-only
  await article.click();
  await expect(help.getByRole('heading', { name: 'How long it takes' })).toBeVisible();
  expect(await axeProblems(agent, 'main')).toEqual([]);
  await help.getByRole('button', { name: /^Insert link/ }).click();
  await expect(agent.getByLabel('Message')).toHaveValue(
    /When will my refund arrive\?: http\S+\/help\/when-will-my-refund-arrive$/,
  );
  await expect(agent.getByText('Link inserted — review it, then send.')).toBeVisible();
});

test('a signed-out visitor finds an article while asking as a guest and stops there; the deflection is counted', async ({
  browser,
}) => {
  const lead = await personAs(browser, 'lead@demo.test');
  const before = await deflectedOnDashboard(lead);

  const visitor = await browser.newPage();
  await visitor.goto('/help');
  await visitor.getByRole('link', { name: 'Submit a request' }).first().click();
  await expect(visitor).toHaveURL(/\/portal\/new$/);
  await expect(visitor.getByLabel('Your e-mail address')).toBeVisible(); // the guest form: no account needed
  await visitor.getByLabel('Subject').fill('Two-factor code');
  await visitor.getByLabel('Description').fill('The two-factor code never arrives on my phone when I sign in.');
  const suggestions = visitor.getByRole('region', { name: 'These articles may answer your question' });
  await suggestions.getByRole('button', { name: 'Two-factor code never arrives' }).click();
  await suggestions.getByRole('button', { name: 'This answered my question' }).click();
  await expect(visitor.getByRole('heading', { name: 'Glad that helped' })).toBeVisible();
  await expect(visitor.getByRole('button', { name: 'Submit request' })).toBeHidden();

  await expect.poll(() => deflectedOnDashboard(lead)).toBe(before + 1);
});
