import { eq } from 'drizzle-orm';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { appSettings, attachments, ticketEvents, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { addAttachment } from './add-attachment';
import { getAttachment, listAttachments } from './get-attachment';

let handle: DbHandle;
let agent: Actor;
let customer: Actor;
let stranger: Actor;

beforeAll(async () => {
  handle = testDb();
  agent = await makeStaff(handle.db, 'agent');
  customer = await makeCustomer(handle.db, 'Ada Attacher');
  stranger = await makeCustomer(handle.db, 'Nosy Neighbour');
});
afterAll(() => handle.close());

const text = (s: string) => Buffer.from(s, 'utf8');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR…')]);

async function newRequest(who = customer) {
  return must(
    await submitRequest(handle.db, who, { subject: 'Receipt attached', description: 'See the attached receipt.' }),
  );
}

async function withEnv<T>(name: string, value: string, body: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return await body();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

/** The limit is an admin setting (/admin/settings); ATTACHMENT_MAX_BYTES only seeds its default. */
async function withAttachmentLimit<T>(maxBytes: number, body: () => Promise<T>): Promise<T> {
  const [saved] = await handle.db.select().from(appSettings).where(eq(appSettings.key, 'attachments'));
  await handle.db
    .insert(appSettings)
    .values({ key: 'attachments', value: { maxBytes } })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: { maxBytes } } });
  try {
    return await body();
  } finally {
    if (saved)
      await handle.db.update(appSettings).set({ value: saved.value }).where(eq(appSettings.key, 'attachments'));
    else await handle.db.delete(appSettings).where(eq(appSettings.key, 'attachments'));
  }
}

describe('access to attachments', () => {
  it('lets a customer attach to their own request; staff list and download it; the event is in the history', async () => {
    const ticket = await newRequest();
    const added = must(
      await addAttachment(handle.db, customer, {
        number: ticket.number,
        filename: 'receipt.txt',
        contentType: 'text/plain',
        data: text('Order 4411, paid twice.'),
      }),
    );
    expect(added).toMatchObject({ filename: 'receipt.txt', contentType: 'text/plain', size: 23 });

    const staffList = must(await listAttachments(handle.db, agent, ticket.number));
    expect(staffList).toEqual([
      expect.objectContaining({
        id: added.id,
        filename: 'receipt.txt',
        uploadedByName: 'Ada Attacher',
        internal: false,
      }),
    ]);
    expect(staffList[0]).not.toHaveProperty('data');
    expect(must(await listAttachments(handle.db, customer, String(ticket.number))).map((a) => a.id)).toEqual([
      added.id,
    ]);

    const file = must(await getAttachment(handle.db, agent, added.id));
    expect(file.data.toString('utf8')).toBe('Order 4411, paid twice.');
    expect(file.contentType).toBe('text/plain');
    expect(must(await getAttachment(handle.db, customer, added.id)).data.equals(file.data)).toBe(true);

    const history = await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(history.find((e) => e.type === 'attached')).toMatchObject({
      actorUserId: customer.userId,
      toValue: 'receipt.txt',
      data: { attachmentId: added.id },
    });
  });

  it('answers another customer "not found" for reading, listing and attaching', async () => {
    const ticket = await newRequest();
    const added = must(
      await addAttachment(handle.db, customer, {
        number: ticket.number,
        filename: 'private.txt',
        contentType: 'text/plain',
        data: text('mine'),
      }),
    );

    expect(await getAttachment(handle.db, stranger, added.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await listAttachments(handle.db, stranger, ticket.number)).toMatchObject({ ok: false, code: 'not_found' });
    expect(
      await addAttachment(handle.db, stranger, {
        number: ticket.number,
        filename: 'x.txt',
        contentType: 'text/plain',
        data: text('hi'),
      }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(await handle.db.$count(attachments, eq(attachments.ticketId, ticket.id))).toBe(1);
  });

  it('answers "not found" for ids and numbers that are not ones, or do not exist', async () => {
    for (const id of ['nope', '../etc/passwd', '00000000-0000-0000-0000-000000000000', 42]) {
      expect(await getAttachment(handle.db, agent, id)).toMatchObject({ ok: false, code: 'not_found' });
    }
    for (const number of ['abc', '99999999999', -1]) {
      expect(await listAttachments(handle.db, agent, number)).toMatchObject({ ok: false, code: 'not_found' });
      expect(
        await addAttachment(handle.db, agent, {
          number,
          filename: 'x.txt',
          contentType: 'text/plain',
          data: text('hi'),
        }),
      ).toMatchObject({ ok: false, code: 'not_found' });
    }
  });

  it('hides a file filed under an internal note from the customer, but not from staff', async () => {
    const ticket = await newRequest();
    const note = must(
      await replyToTicket(handle.db, agent, {
        number: ticket.number,
        body: 'Fraud check screenshot.',
        visibility: 'internal',
      }),
    );
    const internal = must(
      await addAttachment(handle.db, agent, {
        number: ticket.number,
        filename: 'fraud-check.png',
        contentType: 'image/png',
        data: PNG,
        messageId: note.id,
      }),
    );
    const shared = must(
      await addAttachment(handle.db, agent, {
        number: ticket.number,
        filename: 'label.png',
        contentType: 'image/png',
        data: PNG,
      }),
    );

    expect(await getAttachment(handle.db, customer, internal.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(must(await getAttachment(handle.db, customer, shared.id)).filename).toBe('label.png');
    expect(must(await listAttachments(handle.db, customer, ticket.number)).map((a) => a.filename)).toEqual([
      'label.png',
    ]);
    const staffList = must(await listAttachments(handle.db, agent, ticket.number));
    expect(staffList.map((a) => [a.filename, a.internal])).toEqual([
      ['fraud-check.png', true],
      ['label.png', false],
    ]);
    expect(must(await getAttachment(handle.db, agent, internal.id)).data.equals(PNG)).toBe(true);

    // Nor can the customer file something under the note (or learn that it exists).
    const underNote = await addAttachment(handle.db, customer, {
      number: ticket.number,
      filename: 'x.txt',
      contentType: 'text/plain',
      data: text('hi'),
      messageId: note.id,
    });
    expect(underNote).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('refuses over-size files and types outside the list, with a message on the file field, saving nothing', async () => {
    const ticket = await newRequest();
    const tooBig = await withAttachmentLimit(1024, () =>
      addAttachment(handle.db, customer, {
        number: ticket.number,
        filename: 'big.txt',
        contentType: 'text/plain',
        data: Buffer.alloc(1025, 0x61),
      }),
    );
    expect(tooBig).toEqual({
      ok: false,
      code: 'invalid',
      message: 'The file is larger than the 1 kB limit.',
      fieldErrors: { file: ['The file is larger than the 1 kB limit.'] },
    });

    const exe = await addAttachment(handle.db, customer, {
      number: ticket.number,
      filename: 'setup.exe',
      contentType: 'application/x-msdownload',
      data: text('MZ'),
    });
    expect(exe).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { file: [expect.stringMatching(/^Files of this type cannot be attached/)] },
    });

    const html = await addAttachment(handle.db, customer, {
      number: ticket.number,
      filename: 'notes.txt',
      contentType: 'text/html',
      data: text('<script>'),
    });
    expect(html).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { file: ["The file's type (text/html) does not match its name (.txt)."] },
    });

    const empty = await addAttachment(handle.db, customer, {
      number: ticket.number,
      filename: 'empty.txt',
      contentType: 'text/plain',
      data: Buffer.alloc(0),
    });
    expect(empty).toMatchObject({ ok: false, fieldErrors: { file: ['The file is empty.'] } });

    expect(await handle.db.$count(attachments, eq(attachments.ticketId, ticket.id))).toBe(0);
    expect(await handle.db.$count(ticketEvents, eq(ticketEvents.ticketId, ticket.id))).toBe(2); // created, acknowledged
  });

  it('refuses content that is not what its name and type say (magic bytes)', async () => {
    const ticket = await newRequest();
    const fake = await addAttachment(handle.db, customer, {
      number: ticket.number,
      filename: 'photo.png',
      contentType: 'image/png',
      data: text('<svg onload=alert(1)>'),
    });
    expect(fake).toEqual({
      ok: false,
      code: 'invalid',
      message: "The file's content is not a PNG file, though its name ends in .png.",
      fieldErrors: { file: ["The file's content is not a PNG file, though its name ends in .png."] },
    });
    const fakeDocx = await addAttachment(handle.db, agent, {
      number: ticket.number,
      filename: 'letter.docx',
      contentType: '',
      data: text('%PDF-1.4'),
    });
    expect(fakeDocx).toMatchObject({ ok: false, fieldErrors: { file: [expect.stringContaining('not a DOCX file')] } });
  });

  it('refuses attaching to a closed request, for the customer and staff alike', async () => {
    const ticket = await newRequest();
    await handle.db
      .update(tickets)
      .set({ status: 'closed', stage: 'follow_up', closedAt: new Date() })
      .where(eq(tickets.id, ticket.id));
    for (const who of [customer, agent]) {
      const result = await addAttachment(handle.db, who, {
        number: ticket.number,
        filename: 'late.txt',
        contentType: 'text/plain',
        data: text('too late'),
      });
      expect(result).toMatchObject({
        ok: false,
        code: 'unprocessable',
        message: `Request #${ticket.number} is closed and read-only; files can no longer be added to it.`,
      });
    }
  });

  it('cleans the file name and stores the canonical type', async () => {
    const ticket = await newRequest();
    const added = must(
      await addAttachment(handle.db, customer, {
        number: ticket.number,
        filename: '../../Rechnung\u202E März.PDF',
        contentType: 'application/pdf; name=x',
        data: text('%PDF-1.7 …'),
      }),
    );
    expect(added).toMatchObject({ filename: 'Rechnung März.PDF', contentType: 'application/pdf' });
  });

  it('keeps the bytes in ATTACHMENT_DIR when it is set, and still serves them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cairn-attachments-'));
    try {
      const ticket = await newRequest();
      const added = await withEnv('ATTACHMENT_DIR', dir, async () =>
        must(
          await addAttachment(handle.db, customer, {
            number: ticket.number,
            filename: 'on-disk.txt',
            contentType: 'text/plain',
            data: text('kept on disk'),
          }),
        ),
      );
      expect(readFileSync(path.join(dir, added.id), 'utf8')).toBe('kept on disk');
      const [row] = await handle.db
        .select({ data: attachments.data, size: attachments.size })
        .from(attachments)
        .where(eq(attachments.id, added.id));
      expect(row?.data.length).toBe(0);
      expect(row?.size).toBe(12);
      const file = await withEnv('ATTACHMENT_DIR', dir, async () =>
        must(await getAttachment(handle.db, agent, added.id)),
      );
      expect(file.data.toString('utf8')).toBe('kept on disk');

      // A refused upload leaves no file behind.
      const refused = await withEnv('ATTACHMENT_DIR', dir, () =>
        addAttachment(handle.db, stranger, {
          number: ticket.number,
          filename: 'x.txt',
          contentType: 'text/plain',
          data: text('x'),
        }),
      );
      expect(refused).toMatchObject({ ok: false, code: 'not_found' });
      expect(readdirSync(dir)).toEqual([added.id]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The embedded database hands bytea back as a Uint8Array rather than a Buffer: same bytes out.
describe('attachments on embedded PGlite', () => {
  it('stores and serves the same bytes', async () => {
    const lite = openDb({ dataDir: 'memory://' });
    try {
      await runMigrations(lite);
      const owner = await makeCustomer(lite.db);
      const staff = await makeStaff(lite.db, 'agent');
      const ticket = must(await submitRequest(lite.db, owner, { subject: 'Screenshot', description: 'Attached.' }));
      const added = must(
        await addAttachment(lite.db, owner, {
          number: ticket.number,
          filename: 'shot.png',
          contentType: 'image/png',
          data: PNG,
        }),
      );
      const file = must(await getAttachment(lite.db, staff, added.id));
      expect(Buffer.isBuffer(file.data)).toBe(true);
      expect(file.data.equals(PNG)).toBe(true);
    } finally {
      await lite.close();
    }
  }, 60_000);
});
