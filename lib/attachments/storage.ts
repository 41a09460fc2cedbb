import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where attachment bytes live. By default in the database (the `data` column), so a backup of
 * PostgreSQL is a backup of everything and app servers stay stateless. With `ATTACHMENT_DIR` set,
 * new files go to that directory instead, one file per attachment named by its id (a UUID, so no
 * user text ever reaches a path), and the row keeps an empty `data`.
 */
export function attachmentDir(env: Record<string, string | undefined> = process.env): string | null {
  const dir = env.ATTACHMENT_DIR?.trim();
  return dir ? path.resolve(dir) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fileFor(dir: string, id: string): string {
  if (!UUID.test(id)) throw new Error(`not an attachment id: ${id}`);
  return path.join(dir, id);
}

/** Writes to a temporary name first, so a reader never sees half a file. */
export async function writeStoredFile(dir: string, id: string, data: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = fileFor(dir, id);
  const partial = `${target}.part`;
  await writeFile(partial, data, { flag: 'wx' });
  await rename(partial, target);
}

export async function readStoredFile(dir: string, id: string): Promise<Buffer> {
  return readFile(fileFor(dir, id));
}

/** Cleans up after a transaction that did not commit; a file already gone is fine. */
export async function removeStoredFile(dir: string, id: string): Promise<void> {
  await rm(fileFor(dir, id), { force: true });
  await rm(`${fileFor(dir, id)}.part`, { force: true });
}

/** A row whose bytes are on disk: stored empty although the file is not (empty files are refused). */
export const isStoredOnDisk = (row: { size: number; data: Uint8Array }): boolean =>
  row.data.length === 0 && row.size > 0;
