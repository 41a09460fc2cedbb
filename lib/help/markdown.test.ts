import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown('# Reset\n\n1. Open **Settings**\n2. Press `Reset`\n\n[Docs](/help/docs)');
    expect(html).toContain('<h1>Reset</h1>');
    expect(html).toContain('<strong>Settings</strong>');
    expect(html).toContain('<code>Reset</code>');
    expect(html).toContain('<a href="/help/docs">Docs</a>');
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>hello', /<script/i],
    ['an event handler', '<img src="https://x.example/a.png" onerror="alert(1)">', /onerror/i],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript:/i],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD4=)', /data:/i],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['a style attribute', '<p style="position:fixed">x</p>', /style=/i],
    ['an svg with script', '<svg><script>alert(1)</script></svg>', /<svg|<script/i],
    ['an entity-encoded scheme', '[x](jav&#x61;script:alert(1))', /javascript/i],
    ['a form', '<form action="https://evil.example"><input name="p"></form>', /<form|<input/i],
    ['an http image', '![a](http://insecure.example/a.png)', /src=/i],
  ])('makes %s inert', (_name, markdown, forbidden) => {
    expect(renderMarkdown(markdown)).not.toMatch(forbidden);
  });

  it('opens links to other sites safely', () => {
    expect(renderMarkdown('[x](https://example.com)')).toBe(
      '<p><a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">x</a></p>\n',
    );
  });

  it('puts each table in a keyboard-reachable scrolling frame', () => {
    const html = renderMarkdown('| a | b |\n| --- | --- |\n| 1 | 2 |');
    expect(html).toMatch(/^<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>/);
    expect(html).toContain('</table></div>');
    expect(renderMarkdown('<table onmouseover="x()"><tr><td>1</td></tr></table>')).not.toMatch(/onmouseover/);
  });

  it('drops NUL bytes', () => {
    expect(renderMarkdown('a\0b')).toBe('<p>ab</p>\n');
  });
});

describe('markdownToText', () => {
  it('gives plain text, shortened', () => {
    expect(markdownToText('# Title\n\nSome **bold** <b>text</b> & more', 20)).toBe('Title Some bold tex…');
  });
});
