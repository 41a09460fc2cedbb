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

/** A new password (sign-up, change and reset). Argon2 reads all of it, so the cap only bounds the work. */
export const newPassword = safeString({ error: 'Choose a password.' })
  .min(8, 'Use at least 8 characters.')
  .max(MAX_PASSWORD, `Use at most ${MAX_PASSWORD} characters.`);

export const MAX_NAME = 200;

/** A person's name: a login's, a customer's. */
export const personName = safeString({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(MAX_NAME, `Name must be at most ${MAX_NAME} characters.`);

/** An e-mail address typed into a form, lower-cased (how users and customers store it). */
export const emailAddress = safeString({ error: 'Enter your e-mail address.' })
  .trim()
  .min(1, 'Enter your e-mail address.')
  .max(320, 'Enter a valid e-mail address.')
  .pipe(z.email('Enter a valid e-mail address.'))
  .transform((v) => v.toLowerCase());

export const signUpSchema = z.object({
  name: personName,
  email: emailAddress,
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
