import { splitHighlights } from '@/lib/search/highlight';

/**
 * Search text with its matches marked. The markers from the database are split out and the
 * pieces rendered as React text inside <mark>: ticket text is never parsed as HTML.
 */
export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {splitHighlights(text).map((part, i) =>
        part.marked ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
