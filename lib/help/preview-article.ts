import type { Actor } from '@/lib/auth/actor';
import { attemptSync, fromZod, ok, type Result } from '@/lib/core/result';
import { requireArticleEditor } from './access';
import { renderMarkdown } from './markdown';
import { previewSchema } from './schemas';

/**
 * The editor's preview: the Markdown rendered exactly as readers will get it (renderMarkdown,
 * sanitized), on the server. Staff only; nothing is stored.
 */
export function previewArticle(actor: Actor | null, raw: unknown): Result<{ html: string }> {
  const allowed = attemptSync(() => requireArticleEditor(actor));
  if (!allowed.ok) return allowed;
  const parsed = previewSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  return ok({ html: renderMarkdown(parsed.data.body) });
}
