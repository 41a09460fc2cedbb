'use client';

import { useState } from 'react';
import { insertIntoReply } from '@/components/agent/reply-insert';
import { Button } from '@/components/ui/button';
import { ArticleBody } from './article-body';

export interface SuggestedHelpItem {
  id: string;
  title: string;
  summary: string | null;
  audience: 'public' | 'internal';
  inCategory: boolean;
  /** Sanitized on the server (renderMarkdown). */
  html: string;
  /** The customer-facing link; null for internal procedures. */
  publicUrl: string | null;
}

/**
 * "Suggested help" beside the conversation: procedures and articles for the ticket's category and
 * words. Each opens in place (read beside the conversation); a public article's link can be put
 * into the reply box for review. Internal procedures are marked and never offered as a link.
 */
export function SuggestedHelpPanel({ items, canReply }: { items: SuggestedHelpItem[]; canReply: boolean }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (items.length === 0)
    return <p className="text-sm text-slate-600">No published article or procedure matches this request yet.</p>;
  return (
    <div className="space-y-2">
      <ul className="space-y-2">
        {items.map((item) => (
          <li key={item.id} className="rounded-md p-2 ring-1 ring-slate-200">
            <div className="flex items-start justify-between gap-2">
              <button
                type="button"
                aria-expanded={openId === item.id}
                aria-controls={`help-${item.id}`}
                onClick={() => setOpenId(openId === item.id ? null : item.id)}
                className="text-brand-700 text-left text-sm font-medium underline-offset-2 hover:underline"
              >
                {item.title}
              </button>
              <span
                className={`shrink-0 rounded px-1.5 py-0.5 text-xs font-medium ${
                  item.audience === 'internal' ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-700'
                }`}
              >
                {item.audience === 'internal' ? 'Internal' : 'Public'}
              </span>
            </div>
            {item.summary ? <p className="text-xs text-slate-600">{item.summary}</p> : null}
            {item.inCategory ? <p className="text-xs text-slate-600">In this request’s category</p> : null}
            {openId === item.id ? (
              <div id={`help-${item.id}`} className="mt-2 border-t border-slate-100 pt-2">
                <ArticleBody html={item.html} className="max-h-[28rem] overflow-y-auto" />
                {item.publicUrl && canReply ? (
                  <Button
                    variant="secondary"
                    className="mt-2"
                    aria-label={`Insert link to “${item.title}” into the reply`}
                    onClick={() =>
                      setNotice(
                        insertIntoReply(`${item.title}: ${item.publicUrl}`)
                          ? `Link to “${item.title}” inserted into the reply.`
                          : 'There is no reply box on this request.',
                      )
                    }
                  >
                    Insert link
                  </Button>
                ) : item.audience === 'internal' ? (
                  <p className="mt-2 text-xs text-slate-600">
                    Internal procedure: not for the customer, no link to send.
                  </p>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <p role="status" className="text-sm text-slate-700">
        {notice}
      </p>
    </div>
  );
}
