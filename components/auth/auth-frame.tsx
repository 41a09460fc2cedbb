import Link from 'next/link';
import type { ReactNode } from 'react';

/** The narrow frame of the signed-out pages: a heading, a line of help, the form in a card, a link below. */
export function AuthFrame({
  title,
  intro,
  footer,
  children,
}: {
  title: string;
  intro?: string;
  footer?: { text: string; link: string; href: string };
  children: ReactNode;
}) {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {intro ? <p className="mt-1 text-sm break-words text-slate-600">{intro}</p> : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      {footer ? (
        <p className="mt-4 text-sm text-slate-600">
          {footer.text}{' '}
          <Link href={footer.href} className="font-medium text-brand-700 underline">
            {footer.link}
          </Link>
        </p>
      ) : null}
    </main>
  );
}

/** An e-mailed link that is expired, used, revoked or mistyped: say so, and the way on. */
export function DeadLink({
  title,
  message,
  action,
}: {
  title: string;
  message: string;
  action: { text: string; href: string };
}) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-slate-600">{message}</p>
      <p className="mt-6 flex flex-wrap gap-x-6 gap-y-2">
        <Link href={action.href} className="font-medium text-brand-700 underline">
          {action.text}
        </Link>
        <Link href="/signin" className="font-medium text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </main>
  );
}
