import { afterEach, describe, expect, it } from 'vitest';
import { startPrivatePostgres } from './private-postgres';

describe('startPrivatePostgres without the server binaries', () => {
  const saved = process.env.CAIRN_PG_BIN;
  afterEach(() => {
    if (saved === undefined) delete process.env.CAIRN_PG_BIN;
    else process.env.CAIRN_PG_BIN = saved;
  });

  it('fails saying how to get them (never skips the tests)', async () => {
    process.env.CAIRN_PG_BIN = '/nonexistent/cairn/pg/bin';
    await expect(startPrivatePostgres()).rejects.toThrow(/initdb not found.*apt-get install postgresql.*CAIRN_PG_BIN/s);
  });
});
