'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Renders the page afresh every second while `active` (an import's progress). */
export function RefreshWhile({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
