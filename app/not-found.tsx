import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">This page does not exist, or you do not have access to it.</p>
      <p className="mt-6">
        <Link href="/" className="text-brand-700 underline">
          Go to your start page
        </Link>
      </p>
    </main>
  );
}
