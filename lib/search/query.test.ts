import { describe, expect, it } from 'vitest';
import { readSearchTerms } from './query';

describe('readSearchTerms', () => {
  it('reads a request number with or without #', () => {
    expect(readSearchTerms('#1042').number).toBe(1042);
    expect(readSearchTerms(' 1042 ').number).toBe(1042);
    expect(readSearchTerms('99999999999').number).toBeNull();
    expect(readSearchTerms('1042 refund').number).toBeNull();
  });

  it('reads a CERN in any case, with or without dashes', () => {
    expect(readSearchTerms('cern-2026-000123').cern).toBe('CERN-2026-000123');
    expect(readSearchTerms('CERN 2026 123').cern).toBe('CERN-2026-000123');
    expect(readSearchTerms('CERN-2026-000000').cern).toBeNull();
  });

  it('reads an e-mail, or a fragment of one', () => {
    expect(readSearchTerms('Kofi.Boateng@Example.com')).toMatchObject({
      email: 'kofi.boateng@example.com',
      emailFragment: 'kofi.boateng@example.com',
    });
    expect(readSearchTerms('kofi@')).toMatchObject({ email: null, emailFragment: 'kofi@' });
    expect(readSearchTerms('charged twice')).toMatchObject({ email: null, emailFragment: null });
  });

  it('reads a phone number as stored, and its national part', () => {
    expect(readSearchTerms('+44 1632 960001')).toMatchObject({ phone: '+441632960001', phoneTail: '441632960001' });
    expect(readSearchTerms('01632 960001')).toMatchObject({ phone: '01632960001', phoneTail: '1632960001' });
    expect(readSearchTerms('1042').phone).toBeNull();
  });

  it('knows when the query could be a name or a word', () => {
    expect(readSearchTerms('Kofi Boatang').hasLetters).toBe(true);
    expect(readSearchTerms('Tomás').hasLetters).toBe(true);
    expect(readSearchTerms('#1042').hasLetters).toBe(false);
  });

  it('knows when the agent wants exact words', () => {
    expect(readSearchTerms('"same order"').exact).toBe(true);
    expect(readSearchTerms('refund -card').exact).toBe(true);
    expect(readSearchTerms('two-factor code').exact).toBe(false);
  });
});
