import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { endSession, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/sessions';
import { sessionActorOnce } from './session-actor';
import { signIn } from '@/lib/auth/sign-in';
import { clientIpFrom } from '@/lib/rate-limit/client-ip';
import { servedOverHttps } from '@/lib/security/headers';
import { encodeSignInError } from '@/lib/auth/sign-in-error';

/**
 * Thrown from the jwt callback when the cookie's session row is gone, ended or its user
 * deactivated: next-auth then answers /api/auth/session with no user and clears the cookie
 * instead of refreshing it. Expected, so not logged as an error.
 */
class SessionEnded extends Error {
  constructor() {
    super('session ended');
  }
}

const header = (headers: unknown, name: string): string | null => {
  const value = (headers as Record<string, string | string[] | undefined> | undefined)?.[name];
  return (Array.isArray(value) ? value.join(', ') : value) ?? null;
};

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  // Secure, `__Secure-` cookies when served over HTTPS (NEXTAUTH_URL); the proxy reads them the same way.
  useSecureCookies: servedOverHttps(),
  pages: { signIn: '/signin' },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        let result;
        try {
          result = await signIn(getDb(), credentials ?? {}, {
            ip: clientIpFrom(header(req?.headers, 'x-forwarded-for')),
            userAgent: header(req?.headers, 'user-agent'),
          });
        } catch (error) {
          console.error('sign-in failed', error);
          throw new Error(
            encodeSignInError({
              code: 'unavailable',
              message: 'Sign-in failed on our side. Please try again in a moment.',
            }),
          );
        }
        // next-auth hands a thrown message to the form as `error`: the form shows what went wrong.
        if (!result.ok) throw new Error(encodeSignInError(result));
        const actor = result.data;
        return { id: actor.userId, email: actor.email, name: actor.name, role: actor.role, sessionId: actor.sessionId };
      },
    }),
  ],
  callbacks: {
    // Runs on sign-in (with `user`) and on every session read (/api/auth/session, getServerSession),
    // which then re-issues the cookie: a read checks the session row first, so a signed-out,
    // revoked or copied cookie gets no profile and no fresh cookie.
    async jwt({ token, user }) {
      if (user) {
        token.role = (user as { role?: string }).role;
        token.sid = (user as { sessionId?: string }).sessionId;
        return token;
      }
      if (typeof token.sub !== 'string' || typeof token.sid !== 'string') throw new SessionEnded();
      let actor;
      try {
        actor = await sessionActorOnce(token.sub, token.sid);
      } catch (error) {
        // The database is unreachable: keep the cookie (an outage must not sign everyone out);
        // pages and the API check the session again through getActor and show the outage.
        console.error('session check failed', error);
        return token;
      }
      if (!actor) throw new SessionEnded();
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub, role: token.role, sid: token.sid } };
    },
  },
  logger: {
    error(code, metadata) {
      if (metadata instanceof SessionEnded) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
  events: {
    // Sign-out ends the session row, so a copy of the cookie stops working at once.
    async signOut({ token }) {
      if (token?.sub && typeof token.sid === 'string') await endSession(getDb(), token.sub, token.sid);
    },
  },
};
