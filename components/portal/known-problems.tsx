import { cache } from 'react';
import { LocalTime } from '@/components/ui/local-time';
import { currentAnnouncements } from '@/lib/announcements/current';
import type { OpenAnnouncement } from '@/lib/announcements/announcements';
import { renderMarkdown } from '@/lib/help/markdown';

/** Once per request, however many times the frame renders. */
const openAnnouncements = cache(currentAnnouncements);

/**
 * Known problems, on every portal page (PortalShell): the open announcements staff posted, so a
 * customer learns of an outage before asking about it. Readable signed out.
 */
export async function KnownProblems() {
  const items = await openAnnouncements();
  return <KnownProblemsList items={items} />;
}

/** The banner itself, from plain props. Nothing when nothing is open. */
export function KnownProblemsList({ items }: { items: OpenAnnouncement[] }) {
  if (items.length === 0) return null;
  return (
    // A landmark region with a heading, not a live region: it is there when the page loads, and
    // portal pages keep role="status" for the answers to their forms.
    <section aria-labelledby="known-problems-heading" className="border-b border-amber-300 bg-amber-50 text-amber-950">
      <div className="mx-auto max-w-4xl px-4 py-3">
        <h2 id="known-problems-heading" className="text-sm font-semibold">
          Known {items.length === 1 ? 'problem' : 'problems'}
        </h2>
        <ul className="mt-1 space-y-2">
          {items.map((a) => (
            <li key={a.id} className="text-sm break-words">
              <AnnouncementText announcement={a} />
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** One announcement as customers read it (the banner, and the staff page's preview). */
export function AnnouncementText({ announcement: a }: { announcement: OpenAnnouncement }) {
  return (
    <>
      <p className="font-medium">{a.title}</p>
      {a.body ? (
        <div
          className="mt-1 space-y-1 [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
          dangerouslySetInnerHTML={{ __html: renderMarkdown(a.body) }}
        />
      ) : null}
      <p className="mt-1 text-xs text-amber-900">
        Posted <LocalTime value={a.createdAt} />
        {a.updatedAt.getTime() - a.createdAt.getTime() > 60_000 ? (
          <>
            {' '}
            · updated <LocalTime value={a.updatedAt} />
          </>
        ) : null}
      </p>
    </>
  );
}
