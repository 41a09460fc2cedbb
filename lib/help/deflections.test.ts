import { describe, expect, it } from 'vitest';
import { cleanQuery, deflectionSchema, MAX_DEFLECTION_QUERY } from './deflections';

describe('the question kept with a deflection', () => {
  it('drops NUL and control characters, folds whitespace, keeps newlines as spaces', () => {
    expect(cleanQuery('  card\0 was\u0007 declined\r\n\tagain  ')).toBe('card was declined again');
    expect(cleanQuery('\0 \u001b ')).toBeNull();
    expect(cleanQuery('<script>alert(1)</script>')).toBe('<script>alert(1)</script>'); // text, rendered as text
  });

  it('cuts long questions by characters, not UTF-16 units', () => {
    const cut = cleanQuery('😀'.repeat(MAX_DEFLECTION_QUERY + 50));
    expect(Array.from(cut ?? '')).toHaveLength(MAX_DEFLECTION_QUERY);
    expect(cut?.endsWith('😀')).toBe(true);
  });

  it('reads an article id and an optional question', () => {
    const id = '6f1c1a52-6c1b-4c39-9a53-3b1f1d1e2a10';
    expect(deflectionSchema.parse({ articleId: id })).toEqual({ articleId: id, query: null });
    expect(deflectionSchema.safeParse({ articleId: 'x' }).success).toBe(false);
    expect(deflectionSchema.safeParse({ articleId: id, query: 'x'.repeat(10_001) }).success).toBe(false);
  });
});
