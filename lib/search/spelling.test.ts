import { describe, expect, it } from 'vitest';
import { applyCorrections, chooseCorrections, correctableWords, editDistance } from './spelling';

describe('editDistance', () => {
  it('counts a swap of neighbouring letters as one slip', () => {
    expect(editDistance('refnud', 'refund')).toBe(1);
    expect(editDistance('parcle', 'parcel')).toBe(1);
  });
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('acount', 'account')).toBe(1);
    expect(editDistance('accountt', 'account')).toBe(1);
    expect(editDistance('invoise', 'invoice')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('chooseCorrections', () => {
  it('takes the closest candidate, then the most similar', () => {
    const chosen = chooseCorrections([
      { word: 'acount', candidate: 'accounts', similarity: 0.45 },
      { word: 'acount', candidate: 'account', similarity: 0.67 },
      { word: 'acount', candidate: 'amount', similarity: 0.4 },
    ]);
    expect(chosen.get('acount')).toBe('account');
  });
  it('leaves a word alone when no candidate is within reach', () => {
    expect(chooseCorrections([{ word: 'refnud', candidate: 'received', similarity: 0.14 }]).size).toBe(0);
    // Short words take one slip only.
    expect(
      chooseCorrections([
        { word: 'lage', candidate: 'late', similarity: 0.3 },
        { word: 'lgae', candidate: 'large', similarity: 0.2 },
      ]),
    ).toEqual(new Map([['lage', 'late']]));
  });
});

describe('the query', () => {
  it('offers words of four letters or more, once each', () => {
    expect(correctableWords('Refnud the refnud, card 42!')).toEqual(['refnud', 'card']);
  });
  it('replaces only the corrected words', () => {
    expect(applyCorrections('Refnud for my card', new Map([['refnud', 'refund']]))).toBe('refund for my card');
  });
});
