import { Badge } from '@/components/ui/badge';
import type { ArticleAudience, ArticleStatus } from '@/db/schema';

export function ArticleStatusBadge({ status }: { status: ArticleStatus }) {
  return status === 'published' ? <Badge tone="green">Published</Badge> : <Badge tone="amber">Draft</Badge>;
}

export function ArticleAudienceBadge({ audience }: { audience: ArticleAudience }) {
  return audience === 'public' ? <Badge tone="blue">Public</Badge> : <Badge tone="purple">Internal</Badge>;
}

/** "83% helpful (47 votes)" or "No votes yet". */
export function HelpfulScore({ percent, votes }: { percent: number | null; votes: number }) {
  if (percent === null) return <span className="text-slate-500">No votes yet</span>;
  return (
    <span>
      {percent}% helpful{' '}
      <span className="text-slate-500">
        ({votes} vote{votes === 1 ? '' : 's'})
      </span>
    </span>
  );
}
