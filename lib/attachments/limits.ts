/**
 * What may be attached (docs/design.md §7: "uploads have size and type limits"). A file passes only
 * when its extension, the type the client declared and — for the binary formats we can check
 * cheaply — its first bytes all agree. Pure functions: shared by the use case, the route
 * handlers and the upload form.
 */

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_FILENAME = 200;

/** `ATTACHMENT_MAX_BYTES` (a whole number of bytes), else 10 MiB. */
export function maxAttachmentBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.ATTACHMENT_MAX_BYTES?.trim();
  if (!raw) return DEFAULT_MAX_BYTES;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_BYTES;
}

interface FileKind {
  label: string;
  /** The canonical type we store and serve. */
  contentType: string;
  extensions: readonly string[];
  /** Other types browsers and mail clients declare for the same files. */
  aliases?: readonly string[];
  /** The file must start with one of these (or match the test); none for text. */
  magic?: (bytes: Uint8Array) => boolean;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
// A zip starts with a local file header, or is an empty archive (end of central directory only).
const isZip = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]);

const KINDS: readonly FileKind[] = [
  { label: 'PNG', contentType: 'image/png', extensions: ['png'], magic: (b) => startsWith(b, PNG) },
  {
    label: 'JPEG',
    contentType: 'image/jpeg',
    extensions: ['jpg', 'jpeg'],
    aliases: ['image/pjpeg'],
    magic: (b) => startsWith(b, JPEG),
  },
  {
    label: 'GIF',
    contentType: 'image/gif',
    extensions: ['gif'],
    magic: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')),
  },
  {
    label: 'WebP',
    contentType: 'image/webp',
    extensions: ['webp'],
    magic: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
  },
  {
    label: 'PDF',
    contentType: 'application/pdf',
    extensions: ['pdf'],
    aliases: ['application/x-pdf'],
    magic: (b) => startsWith(b, ascii('%PDF-')),
  },
  { label: 'TXT', contentType: 'text/plain', extensions: ['txt'] },
  // Windows with Excel installed declares CSV files as Excel's old type.
  {
    label: 'CSV',
    contentType: 'text/csv',
    extensions: ['csv'],
    aliases: ['application/csv', 'text/plain', 'application/vnd.ms-excel'],
  },
  {
    label: 'ZIP',
    contentType: 'application/zip',
    extensions: ['zip'],
    aliases: ['application/x-zip-compressed', 'application/x-zip'],
    magic: isZip,
  },
  {
    label: 'DOCX',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    magic: isZip,
  },
  {
    label: 'XLSX',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    magic: isZip,
  },
];

/** For the file input's `accept`. */
export const ACCEPT = KINDS.flatMap((k) => k.extensions.map((e) => `.${e}`)).join(',');
export const ALLOWED_LABELS = KINDS.map((k) => k.label).join(', ');

/** "10 MB", "1.5 kB", "120 bytes" (binary units, as the limit is set in bytes). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const [value, unit] = n < 1024 * 1024 ? [n / 1024, 'kB'] : [n / (1024 * 1024), 'MB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

export const tooLargeMessage = (maxBytes: number): string =>
  `The file is larger than the ${formatBytes(maxBytes)} limit.`;

// Control characters (C0, DEL, C1) and the invisible bidi marks that make "invoice‮fdp.exe" read as a PDF.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Reserved on Windows, and quotes that would only confuse a Content-Disposition header.
const RESERVED_CHARS = /[<>:"|?*]/g;

/**
 * The name we keep and offer back for download: the last path segment only, no control or
 * bidi characters, no leading dots, at most 200 characters with the extension kept. '' if
 * nothing usable is left.
 */
export function sanitizeFilename(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE_CHARS, '').replace(RESERVED_CHARS, '_').trim().replace(/^\.+/, '').trim();
  const chars = [...cleaned]; // code points, so a cut never splits a surrogate pair
  if (chars.length <= MAX_FILENAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (ext.length > 0 && ext.length <= 16)
    return (
      chars
        .slice(0, MAX_FILENAME - ext.length)
        .join('')
        .trimEnd() + ext.join('')
    );
  return chars.slice(0, MAX_FILENAME).join('');
}

const extensionOf = (filename: string): string => {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
};

/** "Text/Plain; charset=UTF-8" → "text/plain". */
const bareType = (declared: string): string => declared.split(';')[0]!.trim().toLowerCase();

export type FileCheck = { ok: true; filename: string; contentType: string } | { ok: false; message: string };

/**
 * Checks a file against the limits. Browsers send no type (or application/octet-stream) for
 * files they do not know; then the extension and the first bytes decide. A declared type that
 * contradicts the extension is refused.
 */
export function checkFile(
  file: { filename: string; contentType: string; data: Uint8Array },
  maxBytes = maxAttachmentBytes(),
): FileCheck {
  const filename = sanitizeFilename(file.filename);
  if (!filename) return { ok: false, message: 'The file needs a name.' };
  if (file.data.length === 0) return { ok: false, message: 'The file is empty.' };
  if (file.data.length > maxBytes) return { ok: false, message: tooLargeMessage(maxBytes) };

  const ext = extensionOf(filename);
  const kind = KINDS.find((k) => k.extensions.includes(ext));
  if (!kind) return { ok: false, message: `Files of this type cannot be attached. Allowed: ${ALLOWED_LABELS}.` };

  const declared = bareType(file.contentType);
  const undeclared = declared === '' || declared === 'application/octet-stream';
  if (!undeclared && declared !== kind.contentType && !kind.aliases?.includes(declared)) {
    return { ok: false, message: `The file's type (${declared}) does not match its name (.${ext}).` };
  }
  if (kind.magic && !kind.magic(file.data))
    return { ok: false, message: `The file's content is not a ${kind.label} file, though its name ends in .${ext}.` };
  return { ok: true, filename, contentType: kind.contentType };
}

/**
 * The Content-Type a download is served with: only the types we accept, text marked UTF-8;
 * anything else (an older row, a hand-edited one) as opaque bytes.
 */
export function servedContentType(stored: string): string {
  const type = bareType(stored);
  if (!KINDS.some((k) => k.contentType === type)) return 'application/octet-stream';
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII fallback for old clients,
 * the exact name for the rest. Always a download, never rendered in our origin.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'attachment';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * A stored file as the one kind of download every route serves (staff and customers through the
 * API, guests through their link): a type from the allow-list (or opaque bytes), no sniffing,
 * never cached by a shared cache, and — for a file opened in a tab anyway — no scripts, no
 * plugins, no framing, no referrer.
 */
export function attachmentDownload(file: { filename: string; contentType: string; data: Buffer }): Response {
  return new Response(new Uint8Array(file.data), {
    status: 200,
    headers: {
      'Content-Type': servedContentType(file.contentType),
      'Content-Length': String(file.data.length),
      'Content-Disposition': contentDisposition(file.filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
