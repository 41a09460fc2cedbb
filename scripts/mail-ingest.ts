import { openDb } from '@/db/client';
import { ingestEmail } from '@/lib/mail/inbound/ingest-email';
import { MAX_INBOUND_BYTES } from '@/lib/mail/inbound/inbound-secret';

/**
 * `npm run mail:ingest < message.eml`: one raw message from stdin, as POST /api/inbound/email
 * takes it (for an MTA pipe, procmail or fetchmail's `mda`). Prints `{ status, ticketNumber? }`;
 * exits 0 when the message was taken (accepted, ignored, bounce, rejected, duplicate), 65 (EX_DATAERR)
 * with the reason when it is not an e-mail or too large, 1 on any other failure.
 */
async function readStdin(limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > limit) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

const raw = await readStdin(MAX_INBOUND_BYTES);
if (!raw) {
  console.error(`mail:ingest: the message is larger than ${MAX_INBOUND_BYTES} bytes`);
  process.exit(65);
}
const handle = openDb({ max: 2 });
let code = 0;
try {
  const result = await ingestEmail(handle.db, raw);
  if (result.ok) {
    const { status, ticketNumber, reason } = result.data;
    console.log(JSON.stringify({ status, ...(ticketNumber ? { ticketNumber } : {}), ...(reason ? { reason } : {}) }));
  } else {
    console.error(`mail:ingest: ${result.code === 'invalid' ? 'invalid_email' : result.code}: ${result.message}`);
    code = result.code === 'invalid' ? 65 : 1;
  }
} catch (error) {
  console.error('mail:ingest failed:', error);
  code = 1;
} finally {
  await handle.close();
}
process.exit(code);
