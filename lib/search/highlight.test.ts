import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START, plainText, splitHighlights } from './highlight';

const marked = (s: string) => `${MARK_START}${s}${MARK_END}`;

describe('splitHighlights', () => {
  it('splits marked words from plain text', () => {
    expect(splitHighlights(`I was ${marked('charged')} twice, ${marked('charged')}!`)).toEqual([
      { text: 'I was ', marked: false },
      { text: 'charged', marked: true },
      { text: ' twice, ', marked: false },
      { text: 'charged', marked: true },
      { text: '!', marked: false },
    ]);
  });

  it('keeps HTML as text and drops stray markers', () => {
    expect(splitHighlights(`<b>${marked('<script>')}`)).toEqual([
      { text: '<b>', marked: false },
      { text: '<script>', marked: true },
    ]);
    expect(splitHighlights(`a${MARK_END}b${MARK_START}${MARK_END}c`)).toEqual([{ text: 'abc', marked: false }]);
    expect(splitHighlights('')).toEqual([]);
  });

  it('gives back the plain text', () => {
    expect(plainText(`a ${marked('b')} c`)).toBe('a b c');
  });
});
