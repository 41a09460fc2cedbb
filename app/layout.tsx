import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: { default: 'Cairn', template: '%s · Cairn' },
  description: 'Cairn helpdesk: every customer issue from inquiry to follow-up.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Every page renders per request, so each gets the CSP nonce proxy.ts made for it (lib/security/headers.ts).
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
