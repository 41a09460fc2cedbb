'use client';

import { useState, useTransition, type MouseEvent } from 'react';
import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { MAX_ARTICLE_SUMMARY, MAX_ARTICLE_TITLE, MAX_REVISION_NOTE, MAX_SLUG } from '@/lib/help/schemas';
import { MAX_MARKDOWN } from '@/lib/help/markdown';
import { ArticleBody } from './article-body';

/** The server's preview: Markdown → sanitized HTML (renderMarkdown), passed in by the page. */
export type PreviewFn = (body: string) => Promise<{ ok: true; html: string } | { ok: false; error: string }>;

export interface ArticleDraft {
  id: string;
  version: number;
  title: string;
  slug: string;
  summary: string | null;
  body: string;
  audience: 'public' | 'internal';
  categoryId: string | null;
  categoryName: string | null;
  categoryRetired: boolean;
}

/**
 * Writing an article: the fields, the Markdown, and a preview rendered by the server exactly as
 * readers will see it. Create (no article) or edit (carries id and version: a save over someone
 * else's is refused with a reload button).
 */
export function ArticleForm({
  action,
  preview,
  categories,
  article,
}: {
  action: FormActionFn;
  preview: PreviewFn;
  categories: { id: string; name: string }[];
  article?: ArticleDraft;
}) {
  const [shown, setShown] = useState<{ html?: string; error?: string } | null>(null);
  const [previewing, startPreview] = useTransition();
  const retired =
    article?.categoryId && article.categoryRetired
      ? { id: article.categoryId, name: `${article.categoryName ?? 'Current category'} (retired)` }
      : null;

  function showPreview(event: MouseEvent<HTMLButtonElement>) {
    const field = event.currentTarget.form?.elements.namedItem('body');
    const body = field instanceof HTMLTextAreaElement ? field.value : '';
    startPreview(async () => {
      const result = await preview(body);
      setShown(result.ok ? { html: result.html } : { error: result.error });
    });
  }

  return (
    <ActionForm
      action={action}
      hidden={article ? { id: article.id, version: article.version } : {}}
      submitLabel={article ? 'Save article' : 'Create draft'}
      label={article ? `Edit ${article.title}` : 'New article'}
      reloadLabel="Reload the article"
    >
      {(failed) => (
        <>
          <TextField
            label="Title"
            name="title"
            maxLength={MAX_ARTICLE_TITLE}
            defaultValue={failed?.values?.title ?? article?.title}
            error={failed?.fieldErrors?.title}
          />
          <TextField
            label="Address"
            name="slug"
            maxLength={MAX_SLUG}
            hint={
              article
                ? `/help/${article.slug}. Changing it breaks links to the old address.`
                : 'Leave empty to make it from the title, e.g. reset-your-password.'
            }
            defaultValue={failed?.values?.slug ?? article?.slug ?? ''}
            error={failed?.fieldErrors?.slug}
          />
          <TextField
            label="Summary (optional)"
            name="summary"
            maxLength={MAX_ARTICLE_SUMMARY}
            hint="One line shown in lists and suggestions."
            defaultValue={failed?.values?.summary ?? article?.summary ?? ''}
            error={failed?.fieldErrors?.summary}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label="Who may read it"
              name="audience"
              defaultValue={failed?.values?.audience ?? article?.audience ?? 'public'}
              error={failed?.fieldErrors?.audience}
            >
              <option value="public">Public: the help centre, signed out too</option>
              <option value="internal">Internal: staff only (procedure)</option>
            </SelectField>
            <SelectField
              label="Category (optional)"
              name="categoryId"
              defaultValue={failed?.values?.categoryId ?? article?.categoryId ?? ''}
              error={failed?.fieldErrors?.categoryId}
            >
              <option value="">No category</option>
              {retired ? <option value={retired.id}>{retired.name}</option> : null}
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          </div>
          <TextArea
            label="Article (Markdown)"
            name="body"
            rows={16}
            maxLength={MAX_MARKDOWN}
            hint="## Heading, **bold**, 1. steps, [link](https://…). HTML is not kept."
            defaultValue={failed?.values?.body ?? article?.body}
            error={failed?.fieldErrors?.body}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none aria-[invalid=true]:border-red-500"
          />
          <div className="space-y-2">
            <Button variant="secondary" onClick={showPreview} disabled={previewing}>
              {previewing ? 'Rendering…' : 'Preview'}
            </Button>
            {shown ? (
              <section
                aria-label="Preview"
                className="rounded-md border border-dashed border-slate-300 bg-slate-50 p-4"
              >
                <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  Preview, as readers will see it
                </h3>
                {shown.error ? <FormMessage error={shown.error} /> : <ArticleBody html={shown.html ?? ''} />}
              </section>
            ) : null}
          </div>
          <TextField
            label="What changed (optional)"
            name="note"
            maxLength={MAX_REVISION_NOTE}
            hint="Kept with this version in the history."
            defaultValue={failed?.values?.note ?? ''}
            error={failed?.fieldErrors?.note}
          />
        </>
      )}
    </ActionForm>
  );
}
