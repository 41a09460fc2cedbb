'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formAction, withActor } from '@/app/_auth/action';
import { getActor, STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { createArticle } from '@/lib/help/create-article';
import { previewArticle } from '@/lib/help/preview-article';
import { publishArticle, unpublishArticle } from '@/lib/help/publish-article';
import { restoreRevision } from '@/lib/help/restore-revision';
import { updateArticle } from '@/lib/help/update-article';

const articlePath = (values: Record<string, string>) => `/articles/${values.id ?? ''}`;

/** Creates the draft and opens it. */
export async function createArticleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let created: string | null = null;
  const state = await withActor(STAFF, async (actor) =>
    toActionState(await createArticle(getDb(), actor, values), values, (article) => {
      created = article.id;
      return { message: 'Draft created.' };
    }),
  );
  if (created) {
    revalidatePath('/articles');
    redirect(`/articles/${created}`);
  }
  return state;
}

export async function updateArticleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, updateArticle, formData, {
    success: ({ article, changed }) => (changed ? `Saved as version ${article.version}.` : 'No changes to save.'),
    path: articlePath,
  });
}

export async function publishArticleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, publishArticle, formData, {
    success: (a) => (a.audience === 'public' ? `Published at /help/${a.slug}.` : 'Published for staff.'),
    path: articlePath,
  });
}

export async function unpublishArticleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, unpublishArticle, formData, {
    success: () => 'Back to draft: readers no longer see it.',
    path: articlePath,
  });
}

export async function restoreRevisionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await formAction(STAFF, restoreRevision, formData, {
    success: ({ article, changed }) =>
      changed ? `Restored as version ${article.version}.` : 'The article already has this text.',
    path: (values) => `${articlePath(values)}/history`,
  });
  if (state?.ok) revalidatePath(articlePath(formValues(formData)));
  return state;
}

/** The editor's preview: rendered and sanitized on the server, nothing stored. */
export async function previewArticleAction(
  body: string,
): Promise<{ ok: true; html: string } | { ok: false; error: string }> {
  try {
    const result = previewArticle(await getActor(), { body: typeof body === 'string' ? body : '' });
    if (result.ok) return { ok: true, html: result.data.html };
    return { ok: false, error: result.fieldErrors?.body?.[0] ?? result.message };
  } catch (error) {
    console.error('article preview failed', error);
    return { ok: false, error: 'The preview is not available right now. Your text is still in the form.' };
  }
}
