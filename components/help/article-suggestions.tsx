'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSession } from 'next-auth/react';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button } from '@/components/ui/button';
import { ArticleBody } from './article-body';

/*
 * Help that answers first (issue 13): placed inside a new-request form (the portal's and the
 * guest's), it reads the form's subject, description and category as the person types, and
 * suggests matching public articles. "This answered my question" records a deflected request and
 * ends the visit (nothing is submitted); "I still need help" goes back to the form, text kept.
 */

/** Pause in typing before asking (ms). */
const DEBOUNCE_MS = 400;
/** Fewer characters than this are not worth a search. */
const MIN_CHARS = 4;
/** What is sent: the subject and the start of the description (the search reads a dozen words). */
const QUERY_CHARS = 600;
/** The question kept with a deflection (the server cuts it to 500). */
const DEFLECTION_QUERY_CHARS = 2000;

interface Suggestion {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
}

interface Article extends Suggestion {
  html: string;
  path: string;
}

interface Typed {
  subject: string;
  description: string;
  category: string;
}

const field = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${response.status}`);
  return (await response.json()) as T;
}

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

export function ArticleSuggestions() {
  const anchor = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const [typed, setTyped] = useState<Typed>({ subject: '', description: '', category: '' });
  const [openId, setOpenId] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [ended, setEnded] = useState<{ host: HTMLElement; title: string } | null>(null);

  // Follow the enclosing form's fields without owning them: the form stays as it is.
  useEffect(() => {
    const form = anchor.current?.closest('form');
    if (!form) return;
    const read = () => {
      const data = new FormData(form);
      setTyped({
        subject: field(data, 'subject'),
        description: field(data, 'description'),
        category: field(data, 'categoryId'),
      });
    };
    // A form action resets the fields and React puts the sent values back (defaultValue) without
    // an input event: read again once that has happened.
    const afterReset = () => setTimeout(read, 0);
    read();
    form.addEventListener('input', read);
    form.addEventListener('change', read);
    form.addEventListener('reset', afterReset);
    return () => {
      form.removeEventListener('input', read);
      form.removeEventListener('change', read);
      form.removeEventListener('reset', afterReset);
    };
  }, []);

  useEffect(() => () => ended?.host.remove(), [ended]);

  const q = `${typed.subject} ${typed.description.slice(0, QUERY_CHARS)}`.trim();
  const asked = { q: useDebounced(q, DEBOUNCE_MS), category: useDebounced(typed.category, DEBOUNCE_MS) };
  const enabled = asked.q.replace(/[^\p{L}\p{N}]/gu, '').length >= MIN_CHARS;
  const { data } = useQuery({
    queryKey: ['help-suggestions', asked.q, asked.category],
    queryFn: () =>
      getJson<{ suggestions: Suggestion[] }>(
        `/api/v1/help/suggestions?${new URLSearchParams({ q: asked.q, category: asked.category })}`,
      ),
    enabled,
    placeholderData: keepPreviousData,
    // A suggestion is a nicety: a refusal (rate limit, outage) shows nothing rather than an error.
    retry: false,
    staleTime: 60_000,
  });
  const suggestions = enabled ? (data?.suggestions ?? []) : [];

  // Said once per change of count, politely, so typing is not interrupted.
  const count = suggestions.length;
  const announcement =
    !enabled || data === undefined
      ? ''
      : count === 0
        ? 'No suggested articles.'
        : `${count} suggested article${count === 1 ? '' : 's'} may answer your question, below the description.`;

  function stillNeedHelp() {
    setOpenId(null);
    setNote('Your request is kept as you wrote it. Send it when you are ready.');
    const form = anchor.current?.closest('form');
    form?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
  }

  function answered(title: string) {
    const form = anchor.current?.closest('form');
    if (!form) return;
    // The form is left as it is (nothing submitted) and hidden; the end screen takes its place.
    const host = document.createElement('div');
    form.before(host);
    form.hidden = true;
    setEnded({ host, title });
  }

  return (
    <div ref={anchor}>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {count > 0 ? (
        <section aria-labelledby={headingId} className="rounded-md border border-brand-100 bg-brand-50 p-3">
          <h2 id={headingId} className="text-sm font-semibold text-slate-800">
            These articles may answer your question
          </h2>
          <p className="mb-2 text-xs text-slate-600">Read one here; your request stays as you wrote it.</p>
          <ul className="space-y-2">
            {suggestions.map((s) => (
              <li key={s.id} className="rounded-md bg-white p-2 ring-1 ring-slate-200">
                <button
                  type="button"
                  aria-expanded={openId === s.id}
                  aria-controls={`suggestion-${s.id}`}
                  onClick={() => {
                    setNote(null);
                    setOpenId(openId === s.id ? null : s.id);
                  }}
                  className="text-brand-700 w-full text-left text-sm font-medium underline-offset-2 hover:underline"
                >
                  {s.title}
                </button>
                {s.summary ? <p className="text-xs text-slate-600">{s.summary}</p> : null}
                {openId === s.id ? (
                  <SuggestionPanel
                    id={s.id}
                    query={`${typed.subject}\n${typed.description}`.slice(0, DEFLECTION_QUERY_CHARS)}
                    onAnswered={() => answered(s.title)}
                    onStillNeedHelp={stillNeedHelp}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {note ? (
        <p role="status" className="mt-2 text-sm text-slate-700">
          {note}
        </p>
      ) : null}
      {ended ? createPortal(<EndScreen title={ended.title} />, ended.host) : null}
    </div>
  );
}

function SuggestionPanel({
  id,
  query,
  onAnswered,
  onStillNeedHelp,
}: {
  id: string;
  query: string;
  onAnswered: () => void;
  onStillNeedHelp: () => void;
}) {
  const article = useQuery({
    queryKey: ['help-suggestion', id],
    queryFn: () => getJson<Article>(`/api/v1/help/suggestions/${encodeURIComponent(id)}`),
    retry: false,
    staleTime: 5 * 60_000,
  });
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function record() {
    setSending(true);
    setError(null);
    try {
      const response = await fetch('/api/v1/help/deflections', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ articleId: id, query }),
      });
      if (response.ok) {
        onAnswered();
        return;
      }
      const body = (await response.json().catch(() => null)) as { message?: string } | null;
      setError(body?.message ?? 'That could not be recorded. Please try again.');
    } catch {
      setError('That could not be recorded: check your connection and try again.');
    } finally {
      setSending(false);
    }
  }

  return (
    <div id={`suggestion-${id}`} className="mt-2 border-t border-slate-100 pt-2">
      {article.isPending ? (
        <p className="text-sm text-slate-600">Loading the article…</p>
      ) : article.isError ? (
        <p role="alert" className="text-sm text-red-700">
          This article cannot be shown just now.
        </p>
      ) : (
        <>
          <ArticleBody html={article.data.html} className="max-h-96 overflow-y-auto" />
          <p className="mt-1 text-xs">
            <a href={article.data.path} target="_blank" rel="noopener" className="text-brand-700 underline">
              Open in the help centre (new tab)
            </a>
          </p>
        </>
      )}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button onClick={() => void record()} disabled={sending || !article.isSuccess}>
          This answered my question
        </Button>
        <Button variant="secondary" onClick={onStillNeedHelp}>
          I still need help
        </Button>
      </div>
    </div>
  );
}

function EndScreen({ title }: { title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { status } = useSession();
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="space-y-3 py-2">
      <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
        Glad that helped
      </h2>
      <p className="text-sm text-slate-700">
        “{title}” answered your question, so nothing was sent and there is no request to follow. If it comes up again,
        you can always ask us.
      </p>
      <ul className="flex flex-wrap gap-4 text-sm">
        {status === 'authenticated' ? (
          <li>
            <Link href="/portal" className="text-brand-700 underline">
              Your requests
            </Link>
          </li>
        ) : null}
        <li>
          <Link href="/help" className="text-brand-700 underline">
            Browse the help centre
          </Link>
        </li>
        <li>
          <a href={typeof window === 'undefined' ? '' : window.location.pathname} className="text-brand-700 underline">
            Ask something else
          </a>
        </li>
      </ul>
    </div>
  );
}
