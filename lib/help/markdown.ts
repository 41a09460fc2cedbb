import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown → safe HTML for help articles and procedures. `marked` (GFM) parses; `sanitize-html`
 * then keeps an allow-list of plain document tags, so raw HTML in the Markdown, `<script>`,
 * event handlers, `style`, iframes and `javascript:`/`data:` links never reach the page. Links
 * to other sites open in a new tab without handing over the opener or the referrer.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

const ALLOWED_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'del',
  's',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
    code: ['class'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const external = /^https?:\/\//i.test(href);
      return {
        tagName,
        attribs: external ? { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' } : attribs,
      };
    },
  },
};

/** The largest article body we render (and accept: see the article schema). */
export const MAX_MARKDOWN = 100_000;

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown.replace(/\0/g, ''), { async: false });
  return scrollableTables(sanitizeHtml(html, SANITIZE));
}

/**
 * A wide table scrolls sideways on a phone; a scrolling region must be reachable by keyboard, so
 * each table sits in a focusable, labelled frame. Applied after sanitizing, to the bare `<table>`
 * tags the allow-list leaves (it keeps no attribute on them), so nothing untrusted is added.
 */
function scrollableTables(html: string): string {
  return html
    .replaceAll('<table>', '<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>')
    .replaceAll('</table>', '</table></div>');
}

/** Plain text for excerpts and suggestions: Markdown rendered, then every tag dropped. */
export function markdownToText(markdown: string, max = 200): string {
  const text = sanitizeHtml(marked.parse(markdown.replace(/\0/g, ''), { async: false }), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
