'use client';

import { Button } from '@/components/ui/button';

/** Any unexpected failure (the database being down, say): a clear message and a way to retry. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">Cairn is briefly unavailable</h1>
      <p className="mt-2 text-slate-600">
        We could not load this page. Nothing you already sent us is lost. Please try again in a moment.
      </p>
      <div className="mt-6">
        <Button onClick={() => reset()}>Try again</Button>
      </div>
    </main>
  );
}
