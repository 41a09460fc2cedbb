import { expect, test } from '@playwright/test';
import { hydrated, personAs, unique } from './helpers';

test('a lead scores a sampled request and the agent reads the review', async ({ browser }) => {
  const lead = await personAs(browser, 'lead@demo.test');
  await lead.goto('/qa');
  // Last week's sample (lib/seed/qa.ts), Alex Agent's part: one request not reviewed yet.
  const lastWeek = lead.getByRole('region', { name: /^Last week · Week \d+ of \d{4}/ });
  const alex = lastWeek.getByRole('region', { name: /^Alex Agent, / });
  await expect(alex).toContainText(/\d of 3 reviewed/);
  const link = alex.getByRole('link', { name: /^Review #\d+$/ }).first();
  const number = (await link.textContent())!.replace(/\D/g, '');
  await link.click();

  await expect(lead.getByRole('heading', { level: 1 })).toContainText(`Review #${number}:`);
  await hydrated(lead);
  const form = lead.getByRole('form', { name: `Review of request #${number}` });
  // Every criterion needs a score: saving with one missing says so beside it.
  await form.getByRole('group', { name: 'Accuracy' }).getByLabel('4 good').check();
  await form.getByRole('group', { name: 'Tone' }).getByLabel('5 excellent').check();
  await form.getByRole('button', { name: 'Save review' }).click();
  await expect(form.getByRole('group', { name: 'Followed procedure' }).getByRole('alert')).toHaveText(
    'Score Followed procedure from 1 to 5.',
  );
  await form.getByRole('group', { name: 'Followed procedure' }).getByLabel('3 fair').check();
  const comment = unique('Clear steps; say what happens next');
  await form.getByLabel('Comment for the agent').fill(comment);
  await form.getByRole('button', { name: 'Save review' }).click();
  await expect(form.getByRole('status')).toContainText(`Review of #${number} saved (score 4.00).`);

  await lead.goto('/qa');
  await expect(
    lead
      .getByRole('region', { name: /^Last week/ })
      .getByRole('region', { name: /^Alex Agent, / })
      .getByRole('link', { name: `Edit review of #${number}` }),
  ).toBeVisible();

  // The agent reads it under "My reviews", with the scores and the comment.
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets');
  await agent.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'My reviews' }).click();
  const review = agent.getByRole('region', { name: `Review of #${number}` });
  await expect(review).toContainText('Score 4.00 of 5');
  await expect(review.getByRole('blockquote')).toHaveText(comment);
  await expect(review).toContainText('reviewed by Lee Lead');

  // Another agent sees none of Alex's reviews; the leads' page is not theirs.
  const other = await personAs(browser, 'agent2@demo.test');
  await other.goto('/qa/mine');
  await expect(other.getByRole('region', { name: `Review of #${number}` })).toHaveCount(0);
  const response = await other.goto('/qa');
  expect(response?.status()).toBe(404);
});
