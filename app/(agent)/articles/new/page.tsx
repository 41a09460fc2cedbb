import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor, STAFF } from '@/app/_auth/session';
import { ArticleForm } from '@/components/help/article-form';
import { StaffShell } from '@/components/layout/staff-shell';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listActiveCategories } from '@/lib/tickets/categories';
import { createArticleAction, previewArticleAction } from '../actions';

export const metadata: Metadata = { title: 'New article' };

export default async function NewArticlePage() {
  const actor = await requireActor(STAFF);
  const categories = await listActiveCategories(getDb());
  return (
    <StaffShell actor={actor}>
      <div className="mx-auto max-w-3xl space-y-4">
        <Link href="/articles" className="text-sm text-brand-700 underline">
          ← Articles
        </Link>
        <h1 className="text-2xl font-semibold text-slate-900">New article</h1>
        <p className="text-sm text-slate-600">It starts as a draft: only staff see it until you publish it.</p>
        <Card title="Article">
          <ArticleForm action={createArticleAction} preview={previewArticleAction} categories={categories} />
        </Card>
      </div>
    </StaffShell>
  );
}
