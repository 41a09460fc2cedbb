import { hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

/**
 * Passwords are hashed with Argon2id (native, @node-rs/argon2) at its defaults — 19 MiB, two
 * passes, one lane: OWASP's recommended minimum. Hashes from before (bcrypt, `$2…`) still verify;
 * `needsRehash` tells sign-in to replace them with an Argon2id hash once the password is known.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

const isBcrypt = (stored: string) => /^\$2[abxy]\$/.test(stored);

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isBcrypt(stored)) return bcrypt.compare(password, stored);
  if (!stored.startsWith('$argon2')) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed hash never matches
  }
}

export const needsRehash = (stored: string): boolean => !stored.startsWith('$argon2id$');
