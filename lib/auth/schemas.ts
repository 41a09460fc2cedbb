import { z } from 'zod';
import { safeString } from '@/lib/core/fields';

export const MAX_PASSWORD = 200;

export const signInSchema = z.object({
  email: safeString({ error: 'Enter your e-mail address.' })
    .trim()
    .min(1, 'Enter your e-mail address.')
    .pipe(z.email('Enter a valid e-mail address.'))
    .transform((v) => v.toLowerCase()),
  password: safeString({ error: 'Enter your password.' })
    .min(1, 'Enter your password.')
    .max(MAX_PASSWORD, `Use at most ${MAX_PASSWORD} characters.`),
});

/** A new password (sign-up and change). Argon2 reads all of it, so the cap only bounds the work. */
const newPassword = safeString({ error: 'Choose a password.' })
  .min(8, 'Use at least 8 characters.')
  .max(MAX_PASSWORD, `Use at most ${MAX_PASSWORD} characters.`);

export const signUpSchema = z.object({
  name: safeString({ error: 'Enter your name.' })
    .trim()
    .min(1, 'Enter your name.')
    .max(200, 'Name must be at most 200 characters.'),
  email: z.email('Enter a valid e-mail address.').transform((v) => v.trim().toLowerCase()),
  password: newPassword,
});

export const changePasswordSchema = z
  .object({
    currentPassword: safeString({ error: 'Enter your current password.' })
      .min(1, 'Enter your current password.')
      .max(MAX_PASSWORD),
    newPassword,
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    message: 'Choose a password other than the current one.',
    path: ['newPassword'],
  });
