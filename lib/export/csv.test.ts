import { describe, expect, it } from 'vitest';
import { countRecords } from './csv-records';
import { BOM, csvCell, csvFileName, csvStream, toCsv } from './csv';

describe('CSV cells', () => {
  it('prefixes text a spreadsheet would run as a formula', () => {
    for (const risky of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\r=1']) expect(csvCell(risky)).toBe(`'${risky}`);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-3)).toBe(-3); // a number stays a number
    expect(csvCell(null)).toBe('');
    expect(csvCell(new Date('2026-11-30T10:00:00Z'))).toBe('2026-11-30T10:00:00.000Z');
  });
  it('quotes commas, quotes and line breaks (RFC 4180, CRLF)', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', 'plain']])).toBe('"a,b","say ""hi""","two\nlines",plain\r\n');
    expect(toCsv([['=HYPERLINK("x")']])).toBe(`"'=HYPERLINK(""x"")"\r\n`);
  });
  it('names files safely', () => {
    expect(csvFileName('tickets', new Date('2026-11-30T10:00:00Z'))).toBe('tickets-2026-11-30.csv');
    expect(csvFileName('a"b/c', new Date('2026-11-30T10:00:00Z'))).toBe('a-b-c-2026-11-30.csv');
  });
});

describe('csvStream', () => {
  it('pulls one batch per read and stops the source when cancelled', async () => {
    let pulled = 0;
    let closed = false;
    async function* batches() {
      try {
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield [{ n: i, s: `row "${i}"` }];
        }
      } finally {
        closed = true;
      }
    }
    const reader = csvStream(['n', 's'], batches(), (r) => [r.n, r.s]).getReader();
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const head = decoder.decode((await reader.read()).value);
    expect(head).toBe(`${BOM}n,s\r\n`);
    expect(decoder.decode((await reader.read()).value)).toBe('0,"row ""0"""\r\n');
    expect(pulled).toBeLessThanOrEqual(3); // not the thousand
    await reader.cancel();
    expect(closed).toBe(true);
  });
});

describe('countRecords (the progress counter)', () => {
  it('counts line breaks outside quotes, across chunks', () => {
    const state = { inQuotes: false };
    expect(countRecords('a,"one\nline', state)).toBe(0);
    expect(countRecords(' more"\r\nb,c\r\n', state)).toBe(2);
    expect(state.inQuotes).toBe(false);
  });
});
