import { z } from 'zod';
import { safeString } from '@/lib/core/fields';

export const signInSchema = z.object({
  email: z.email('Enter your e-mail address.').transform((v) => v.trim().toLowerCase()),
  password: safeString({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'Use at most 200 characters.'),
});

export const signUpSchema = z.object({
  name: safeString({ error: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(200, 'Name must be at most 200 characters.'),
  email: z.email('Enter a valid e-mail address.').transform((v) => v.trim().toLowerCase()),
  // bcrypt only reads the first 72 bytes: refuse longer rather than silently ignore the rest.
  password: safeString({ error: 'Choose a password.' })
    .min(8, 'Use at least 8 characters.')
    .refine((p) => Buffer.byteLength(p, 'utf8') <= 72, 'Use at most 72 bytes (about 70 characters).'),
});
