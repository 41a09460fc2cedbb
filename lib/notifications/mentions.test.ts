import { describe, expect, it } from 'vitest';
import { findMentions, type Mentionable } from './mentions';

const ada: Mentionable = { id: 'ada', name: 'Ada Lovelace', email: 'ada@demo.test' };
const adaB: Mentionable = { id: 'ada-b', name: 'Ada', email: 'a.b@demo.test' };
const grace: Mentionable = { id: 'grace', name: 'Grace Hopper', email: 'grace.hopper@demo.test' };
const staff = [ada, adaB, grace];

describe('findMentions', () => {
  it('finds a full name in any case, the longest name winning', () => {
    expect(findMentions('Thanks @ada lovelace, see above', staff)).toEqual(['ada']);
    expect(findMentions('@Ada can you check?', staff)).toEqual(['ada-b']);
  });

  it('finds an e-mail local part, with dots inside and punctuation after', () => {
    expect(findMentions('ping @grace.hopper.', staff)).toEqual(['grace']);
    expect(findMentions('(@a.b) please', staff)).toEqual(['ada-b']);
    expect(findMentions('cc @GRACE.HOPPER', staff)).toEqual(['grace']);
    // A name is tried before a local part: `@ada` is the colleague named Ada.
    expect(findMentions('cc @ada', staff)).toEqual(['ada-b']);
  });

  it('lists each person once, in the order first mentioned', () => {
    expect(findMentions('@Grace Hopper and @ada lovelace, then @grace.hopper again', staff)).toEqual(['grace', 'ada']);
  });

  it('ignores e-mail addresses, unknown names and partial words', () => {
    expect(findMentions('write to ada@demo.test or grace.hopper@example.com', staff)).toEqual([]);
    expect(findMentions('@nobody knows, @Adam neither', staff)).toEqual([]);
    expect(findMentions('a lone @ sign, @@ada', staff)).toEqual([]);
    expect(findMentions('no mentions at all', staff)).toEqual([]);
  });

  it('mentions everyone who shares a local part', () => {
    const twin: Mentionable = { id: 'twin', name: 'Ada Twin', email: 'ada@other.test' };
    expect(findMentions('@ada', [ada, twin])).toEqual(['ada', 'twin']);
  });
});
