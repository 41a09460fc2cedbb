import { z } from 'zod';

export const signInSchema = z.object({
  email: z.email('Enter your e-mail address.').transform((v) => v.trim().toLowerCase()),
  password: z.string().min(1, 'Enter your password.').max(200),
});

export const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(200, 'Name must be at most 200 characters.'),
  email: z.email('Enter a valid e-mail address.').transform((v) => v.trim().toLowerCase()),
  password: z.string().min(8, 'Use at least 8 characters.').max(200, 'Use at most 200 characters.'),
});
