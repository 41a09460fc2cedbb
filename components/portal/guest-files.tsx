import { LocalTime } from '@/components/ui/local-time';
import type { AttachmentInfo } from '@/lib/attachments/get-attachment';
import { formatBytes } from '@/lib/attachments/limits';

/** The files of a guest's request, downloaded through its link (no session: app/api/v1/guest). */
export function GuestFiles({ token, attachments }: { token: string; attachments: AttachmentInfo[] }) {
  if (attachments.length === 0) return <p className="text-sm text-slate-500">No files yet.</p>;
  return (
    <ul className="space-y-2" aria-label="Files">
      {attachments.map((a) => (
        <li key={a.id} className="text-sm">
          <a
            href={`/api/v1/guest/${token}/attachments/${a.id}`}
            download={a.filename}
            className="font-medium break-all text-brand-700 underline"
          >
            {a.filename}
          </a>
          <p className="text-xs text-slate-500">
            {formatBytes(a.size)} · <LocalTime value={a.createdAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}
