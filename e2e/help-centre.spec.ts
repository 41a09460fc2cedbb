import { expect, test, type Browser, type Page } from '@playwright/test';
import { hydrated, PASSWORD, personAs } from './helpers';

/**
 * A staff member signed in on a fresh browser. Waits for the workspace to hydrate rather than for
 * the network to go quiet: staff pages hold a live event stream open.
 */
async function staff(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/tickets/);
  await hydrated(page);
  return page;
}

test('an agent writes and publishes an article; a signed-out visitor finds it, reads it and votes; staff see the vote', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // A word no seeded article has, so the search finds exactly this one.
  const word = `zephyr${Date.now().toString(36)}`;
  const title = `Restart the ${word} router`;

  const agent = await staff(browser, 'agent@demo.test');
  await agent.goto('/articles');
  await agent.getByRole('link', { name: 'New article' }).click();
  const form = agent.getByRole('form', { name: 'New article' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Summary (optional)').fill('When the connection drops, restart the router first.');
  await form.getByLabel('Category (optional)').selectOption({ label: 'Bug report' });
  await form
    .getByLabel('Article (Markdown)')
    .fill(
      `## Steps\n\n1. Unplug the **${word}** router\n2. Wait ten seconds <script>document.title='owned'</script>\n\n<img src=x onerror="document.title='owned'">\n\n[Status page](https://status.example.com)`,
    );

  // The preview is rendered by the server, as readers will get it: Markdown kept, the script gone.
  await form.getByRole('button', { name: 'Preview' }).click();
  const preview = form.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('heading', { name: 'Steps' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText(word);
  await expect(preview.getByRole('link', { name: 'Status page' })).toHaveAttribute('rel', /noopener/);
  await expect(preview.locator('script, img[onerror]')).toHaveCount(0);

  await form.getByRole('button', { name: 'Create draft' }).click();
  await expect(agent).toHaveURL(/\/articles\/[0-9a-f-]{36}$/);
  const articleUrl = new URL(agent.url()).pathname;
  await expect(agent.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(agent.getByText('Draft', { exact: true }).first()).toBeVisible();

  // A draft is not in the help centre yet.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/help?q=${word}`);
  await expect(visitor.getByRole('heading', { name: `No articles match “${word}”` })).toBeVisible();

  await agent.getByRole('button', { name: 'Publish' }).click();
  await expect(agent.getByRole('status')).toContainText('Published at /help/');

  // Signed out: find it by searching, open it, vote.
  await visitor.goto('/help');
  await visitor.getByLabel('Search the help centre').fill(`${word} router`);
  await visitor.getByRole('button', { name: 'Search' }).click();
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor).toHaveURL(/\/help\/restart-the-zephyr/);
  await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(visitor.locator('article strong')).toHaveText(word);
  expect(await visitor.title()).not.toBe('owned');
  await expect(visitor.getByRole('link', { name: 'Submit a request' })).toHaveAttribute('href', '/portal/new');

  const vote = visitor.getByRole('form', { name: 'Was this helpful?' });
  await vote.getByRole('button', { name: 'Yes' }).click();
  await expect(vote.getByRole('status')).toHaveText('Thanks, glad it helped.');
  await expect(vote.getByRole('button', { name: 'Yes' })).toHaveAttribute('aria-pressed', 'true');
  // The cookie remembers the vote; voting again does not count twice.
  await visitor.reload();
  await expect(vote.getByRole('button', { name: 'Yes' })).toHaveAttribute('aria-pressed', 'true');
  await vote.getByRole('button', { name: 'Yes' }).click();
  await expect(vote.getByRole('status')).toBeVisible();

  // Staff see the vote, on the article and in the list.
  await agent.goto(articleUrl);
  const ratings = agent.getByRole('region', { name: 'Ratings' });
  await expect(ratings.getByText('100% helpful')).toBeVisible();
  await expect(ratings.getByText('(1 vote)')).toBeVisible();
  await agent.goto(`/articles?q=${word}`);
  const row = agent.getByRole('table', { name: 'Articles' }).getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Published');
  await expect(row).toContainText('100% helpful');
});

test('drafts and internal procedures are not found by customers or signed-out visitors; agents read them', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const visitor = await (await browser.newContext()).newPage();
  const customer = await personAs(browser, 'customer@demo.test');
  for (const page of [visitor, customer])
    for (const slug of ['close-your-account', 'sop-issuing-a-refund']) {
      const response = await page.goto(`/help/${slug}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    }
  // The staff side does not exist for a customer either.
  expect((await customer.goto('/articles'))?.status()).toBe(404);

  const agent = await staff(browser, 'agent@demo.test');
  await agent.goto('/help/sop-issuing-a-refund');
  await expect(agent.getByRole('heading', { level: 1, name: 'SOP: Issuing a refund' })).toBeVisible();
  await expect(agent.getByRole('note')).toContainText('Internal procedure');

  // History: an older version can be read and restored as a new one.
  await agent.goto('/articles?q=issuing+refund&audience=internal');
  await agent.getByRole('table', { name: 'Articles' }).getByRole('link', { name: 'SOP: Issuing a refund' }).click();
  await agent.getByRole('link', { name: 'History' }).click();
  await agent.getByRole('link', { name: 'Version 1', exact: true }).click();
  await expect(agent.getByRole('region', { name: 'Text of version 1' })).toContainText('original payment method');
  await agent.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(agent.getByRole('status')).toContainText(/Restored as version \d+/);
  await expect(agent.getByRole('list', { name: 'Versions' }).getByText('Restored version 1')).toBeVisible();
});
