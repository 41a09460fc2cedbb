import { describe, expect, it } from 'vitest';
import {
  checkFile,
  contentDisposition,
  DEFAULT_MAX_BYTES,
  formatBytes,
  maxAttachmentBytes,
  sanitizeFilename,
  servedContentType,
} from './limits';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest of the image');
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04], 'entries');

describe('maxAttachmentBytes', () => {
  it('defaults to 10 MiB and reads ATTACHMENT_MAX_BYTES', () => {
    expect(maxAttachmentBytes({})).toBe(DEFAULT_MAX_BYTES);
    expect(DEFAULT_MAX_BYTES).toBe(10_485_760);
    expect(maxAttachmentBytes({ ATTACHMENT_MAX_BYTES: '2048' })).toBe(2048);
  });

  it('ignores a value that is not a positive whole number', () => {
    for (const v of ['', 'ten', '-5', '0', '1.5'])
      expect(maxAttachmentBytes({ ATTACHMENT_MAX_BYTES: v })).toBe(DEFAULT_MAX_BYTES);
  });
});

describe('sanitizeFilename', () => {
  it('keeps only the last path segment', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('C:\\Users\\pat\\invoice.pdf')).toBe('invoice.pdf');
  });

  it('drops control and bidi characters, leading dots, and replaces reserved characters', () => {
    expect(sanitizeFilename('in\u0000voice\r\n.pdf')).toBe('invoice.pdf');
    expect(sanitizeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFilename('...hidden.txt')).toBe('hidden.txt');
    expect(sanitizeFilename('a<b>:"c"|?*.txt')).toBe('a_b___c____.txt');
    expect(sanitizeFilename('  ')).toBe('');
  });

  it('cuts long names to 200 characters, keeping the extension', () => {
    const name = sanitizeFilename(`${'ä'.repeat(300)}.docx`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('ä.docx')).toBe(true);
  });

  it('keeps Unicode names', () => {
    expect(sanitizeFilename('Rechnung März 😀.pdf')).toBe('Rechnung März 😀.pdf');
  });
});

describe('checkFile', () => {
  const check = (filename: string, contentType: string, data: Buffer, max?: number) =>
    checkFile({ filename, contentType, data }, max);

  it('accepts each allowed type with its canonical content type', () => {
    expect(check('shot.png', 'image/png', PNG)).toEqual({ ok: true, filename: 'shot.png', contentType: 'image/png' });
    expect(check('photo.JPG', 'image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({
      ok: true,
      contentType: 'image/jpeg',
    });
    expect(check('a.gif', 'image/gif', bytes('GIF89a...'))).toMatchObject({ ok: true });
    expect(check('a.webp', 'image/webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toMatchObject({ ok: true });
    expect(check('a.pdf', 'application/pdf', bytes('%PDF-1.7\n'))).toMatchObject({ ok: true });
    expect(check('notes.txt', 'text/plain; charset=UTF-8', bytes('hello'))).toMatchObject({
      ok: true,
      contentType: 'text/plain',
    });
    expect(check('rows.csv', 'application/vnd.ms-excel', bytes('a,b\n1,2'))).toMatchObject({
      ok: true,
      contentType: 'text/csv',
    });
    expect(check('logs.zip', 'application/x-zip-compressed', ZIP)).toMatchObject({
      ok: true,
      contentType: 'application/zip',
    });
    expect(
      check('letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ZIP),
    ).toMatchObject({ ok: true });
    expect(check('sheet.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ZIP)).toMatchObject(
      { ok: true },
    );
  });

  it('goes by extension and content when the client declared no type', () => {
    expect(check('shot.png', '', PNG)).toMatchObject({ ok: true, contentType: 'image/png' });
    expect(check('notes.txt', 'application/octet-stream', bytes('hi'))).toMatchObject({
      ok: true,
      contentType: 'text/plain',
    });
  });

  it('refuses types outside the list', () => {
    for (const name of ['run.exe', 'page.html', 'logo.svg', 'script.js', 'README', 'archive.tar.gz']) {
      expect(check(name, '', bytes('x')), name).toEqual({
        ok: false,
        message: expect.stringMatching(/^Files of this type cannot be attached\. Allowed: PNG, JPEG/),
      });
    }
  });

  it('refuses a declared type that contradicts the extension', () => {
    expect(check('shot.png', 'text/html', PNG)).toEqual({
      ok: false,
      message: "The file's type (text/html) does not match its name (.png).",
    });
    expect(check('notes.txt', 'image/png', bytes('hi'))).toMatchObject({ ok: false });
  });

  it('refuses content that is not what the name says (magic bytes)', () => {
    expect(check('shot.png', 'image/png', bytes('<html><script>alert(1)</script>'))).toEqual({
      ok: false,
      message: "The file's content is not a PNG file, though its name ends in .png.",
    });
    expect(check('a.pdf', 'application/pdf', PNG)).toMatchObject({ ok: false });
    expect(check('letter.docx', '', bytes('MZ\x90\x00'))).toMatchObject({ ok: false });
    expect(check('a.gif', '', bytes('GIF'))).toMatchObject({ ok: false });
  });

  it('refuses empty and over-size files, naming the limit', () => {
    expect(check('notes.txt', 'text/plain', Buffer.alloc(0))).toEqual({ ok: false, message: 'The file is empty.' });
    expect(check('notes.txt', 'text/plain', Buffer.alloc(2049, 0x61), 2048)).toEqual({
      ok: false,
      message: 'The file is larger than the 2 kB limit.',
    });
    expect(check('notes.txt', 'text/plain', Buffer.alloc(2048, 0x61), 2048)).toMatchObject({ ok: true });
  });

  it('refuses a file whose name is nothing but unsafe characters', () => {
    expect(check('/\u0000', 'text/plain', bytes('x'))).toEqual({ ok: false, message: 'The file needs a name.' });
  });
});

describe('downloads', () => {
  it('serves only allowed types, text as UTF-8, anything else as bytes', () => {
    expect(servedContentType('image/png')).toBe('image/png');
    expect(servedContentType('text/plain')).toBe('text/plain; charset=utf-8');
    expect(servedContentType('text/html')).toBe('application/octet-stream');
    expect(servedContentType('image/svg+xml')).toBe('application/octet-stream');
  });

  it('always offers a download, with an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('notes.txt')).toBe(`attachment; filename="notes.txt"; filename*=UTF-8''notes.txt`);
    expect(contentDisposition("Rechnung März (1)'s.pdf")).toBe(
      `attachment; filename="Rechnung M_rz (1)'s.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%281%29%27s.pdf`,
    );
  });

  it('formats sizes', () => {
    expect(formatBytes(120)).toBe('120 bytes');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
  });
});
