'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';

/** Publish a draft, or take a published article back to draft. */
export function PublishForm({
  action,
  article,
}: {
  action: FormActionFn;
  article: { id: string; version: number; status: 'draft' | 'published'; title: string };
}) {
  const publish = article.status === 'draft';
  return (
    <ActionForm
      action={action}
      hidden={{ id: article.id, version: article.version }}
      submitLabel={publish ? 'Publish' : 'Unpublish'}
      variant={publish ? 'primary' : 'secondary'}
      label={publish ? `Publish ${article.title}` : `Unpublish ${article.title}`}
      reloadLabel="Reload the article"
    />
  );
}

/** Bring an old version's words back as a new save. */
export function RestoreForm({
  action,
  articleId,
  version,
  revision,
}: {
  action: FormActionFn;
  articleId: string;
  /** The article's current version (the one the editor saw). */
  version: number;
  revision: number;
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ id: articleId, version, revision }}
      submitLabel={`Restore version ${revision}`}
      variant="secondary"
      label={`Restore version ${revision}`}
      reloadLabel="Reload the history"
    />
  );
}
