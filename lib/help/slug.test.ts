import { describe, expect, it } from 'vitest';
import { createArticleSchema } from './schemas';
import { slugify } from './slug';

describe('article addresses', () => {
  it('are made from the title: lower case, accents folded, one hyphen between words', () => {
    expect(slugify('Reset your password?')).toBe('reset-your-password');
    expect(slugify('  Café — crème brûlée & co.  ')).toBe('cafe-creme-brulee-co');
    expect(slugify('!!!')).toBe('article');
    expect(slugify('a'.repeat(300)).length).toBeLessThanOrEqual(96);
    expect(slugify(`${'word '.repeat(40)}`)).not.toMatch(/-$/);
  });

  it('typed ones are checked: empty means "from the title", anything else must look like an address', () => {
    const base = { title: 'T', body: 'B' };
    expect(createArticleSchema.parse({ ...base, slug: '' }).slug).toBeUndefined();
    expect(createArticleSchema.parse({ ...base, slug: ' Refund-Times ' }).slug).toBe('refund-times');
    for (const slug of [
      'two--hyphens',
      '-leading',
      'trailing-',
      'spaces here',
      'ünïcode',
      '../etc',
      'a\u0000b',
      'x'.repeat(101),
    ])
      expect(createArticleSchema.safeParse({ ...base, slug }).success, slug).toBe(false);
  });
});
