import { describe, expect, it } from 'vitest';
import { MAX_SIGNATURE, profileSchema } from './account';

describe('profile input', () => {
  it('keeps a multi-line signature, with one kind of line ending and no trailing blanks', () => {
    const parsed = profileSchema.parse({ name: ' Ada ', signature: '\r\nAda  \r\nSupport\r\r\n+44 1\n\n' });
    expect(parsed).toEqual({ name: 'Ada', signature: 'Ada\nSupport\n\n+44 1' });
  });

  it('refuses a NUL byte, a lone surrogate and a signature over the limit', () => {
    for (const signature of ['a\u0000b', 'a\ud800b', 'x'.repeat(MAX_SIGNATURE + 1)])
      expect(profileSchema.safeParse({ name: 'Ada', signature }).success).toBe(false);
    expect(profileSchema.safeParse({ name: 'Ada', signature: 'x'.repeat(MAX_SIGNATURE) }).success).toBe(true);
  });

  it('needs a name and allows no signature at all', () => {
    expect(profileSchema.safeParse({ name: '  ' }).success).toBe(false);
    expect(profileSchema.parse({ name: 'Ada' })).toEqual({ name: 'Ada' });
  });
});
