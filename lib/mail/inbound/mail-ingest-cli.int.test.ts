import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (input: Buffer) =>
  spawnSync(path.join(process.cwd(), 'node_modules/.bin/tsx'), ['scripts/mail-ingest.ts'], {
    input,
    encoding: 'utf8',
    env: process.env,
    timeout: 60_000,
  });

describe('npm run mail:ingest < message.eml', () => {
  it('ingests stdin and prints the result; the same message again is a duplicate', () => {
    const raw = Buffer.from(
      `From: Cli Tester <cli.tester@example.com>\r\nSubject: From the shell\r\nMessage-ID: <${randomUUID()}@test.example>\r\n\r\nPiped in.\r\n`,
    );
    const first = run(raw);
    expect(first.status, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout) as { status: string; ticketNumber: number };
    expect(result).toMatchObject({ status: 'accepted', ticketNumber: expect.any(Number) });
    const second = run(raw);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'duplicate', ticketNumber: result.ticketNumber });
  });

  it('exits non-zero with the reason on bad input', () => {
    const bad = run(readFileSync(path.join(process.cwd(), 'lib/mail/inbound/fixtures/malformed.eml')));
    expect(bad.status).toBe(65);
    expect(bad.stderr).toMatch(/invalid_email: The message does not start with a header block/);
  });
});
