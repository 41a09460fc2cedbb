import { expect, test } from '@playwright/test';
import { signIn, unique } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('a customer on a phone submits a request, finds it in the list with its whole subject, and reads it', async ({
  page,
}) => {
  const subject = unique('Parcel left at the wrong address on Friday');
  await signIn(page, 'customer@demo.test');
  await page.getByRole('link', { name: 'New request' }).first().click();
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Description').fill('The tracking page says delivered, but the parcel is not here.');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByRole('status')).toContainText('We have received your request');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);

  await page.getByRole('link', { name: '← My requests' }).click();
  const item = page.getByRole('list', { name: 'My requests' }).getByRole('link', { name: new RegExp(subject) });
  // The subject is shown whole (it wraps), not cut to a letter.
  const text = item.getByText(subject, { exact: true });
  await expect(text).toBeVisible();
  const box = (await text.boundingBox())!;
  const scrollWidth = await text.evaluate((el) => el.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(Math.ceil(box.width) + 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await item.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
  await expect(page.getByRole('region', { name: 'Reply' }).getByLabel('Your reply')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
