import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiReference, type OpenApiDoc } from '@/components/api/api-reference';
import { openApiDocument } from '@/lib/api/openapi';

export const metadata: Metadata = { title: 'API reference' };

/**
 * The readable API reference, rendered on the server from the same OpenAPI document as
 * /api/v1/openapi.json: no script from a CDN, works offline and under the app's CSP.
 */
export default function ApiDocsPage() {
  const doc = openApiDocument() as unknown as OpenApiDoc;
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">Cairn API reference</h1>
        <p className="text-sm text-slate-600">
          Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Tokens: your{' '}
          <Link href="/account">account page</Link>, or an admin&apos;s <Link href="/admin/api-tokens">API tokens</Link>
          .
        </p>
      </header>
      <ApiReference doc={doc} />
    </main>
  );
}
