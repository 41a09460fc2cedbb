import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { everyPage, type PageSet } from './pages';

async function pageFor(
  browser: Browser,
  set: PageSet,
  who: PageSet['pages'][number]['who'],
  width?: number,
): Promise<Page> {
  const page = who === 'anonymous' ? await (await browser.newContext()).newPage() : set[who];
  if (width) await page.setViewportSize({ width, height: 844 });
  return page;
}

// One PageSet (four people signed in) for all the checks below; each check is one test per kind
// of visitor, so the list of pages can grow without one test outgrowing its time. The limits are
// generous: the agent's pages take about 55 s on a quiet 2-core machine and several times that on a busy one.
test.describe('every page', () => {
  test.describe.configure({ mode: 'serial' });
  let set: PageSet;
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(360_000);
    set = await everyPage(browser);
  });
  const WHO = ['anonymous', 'customer', 'agent', 'lead', 'admin'] as const;

  for (const who of WHO) {
    test(`no ${who} page has a serious or critical accessibility violation (axe)`, async ({ browser }) => {
      test.setTimeout(360_000);
      const found: string[] = [];
      for (const { name, path } of set.pages.filter((p) => p.who === who)) {
        const page = await pageFor(browser, set, who);
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        // A mail's HTML part is shown in a sandboxed frame where no script (axe included) may run.
        const { violations } = await new AxeBuilder({ page }).exclude('iframe[sandbox]').analyze();
        for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
          found.push(
            `${name} (${path}): ${v.id} — ${v.help} — ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
          );
        }
      }
      expect(found).toEqual([]);
    });
  }

  for (const who of WHO) {
    test(`every ${who} page reads at 390 px wide without a sideways page scroll`, async ({ browser }) => {
      test.setTimeout(360_000);
      const wide: string[] = [];
      for (const { name, path } of set.pages.filter((p) => p.who === who)) {
        const page = await pageFor(browser, set, who, 390);
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) wide.push(`${name} (${path}): ${width} px`);
      }
      expect(wide).toEqual([]);
    });
  }
});

test('times are shown in the viewer’s time zone', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await signIn(page, 'customer@demo.test');
  await page.getByRole('list', { name: 'My requests' }).getByRole('link').first().click();
  const opened = page.getByText(/^Opened /);
  await expect(opened).toContainText('GMT+9');
  const iso = await opened.locator('time').getAttribute('datetime');
  expect(new Date(iso!).toISOString()).toBe(iso);
});
