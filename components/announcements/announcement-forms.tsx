'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { TextArea, TextField } from '@/components/ui/field';

export interface EditableAnnouncement {
  id: string;
  title: string;
  body: string;
  ticketNumber: number | null;
}

/** Post a known problem (no announcement) or edit an open one. Ids carry its id, so a page can hold many. */
export function AnnouncementForm({
  action,
  announcement,
}: {
  action: FormActionFn;
  announcement?: EditableAnnouncement;
}) {
  const prefix = announcement ? `announcement-${announcement.id}` : 'new-announcement';
  return (
    <ActionForm
      action={action}
      hidden={announcement ? { id: announcement.id } : {}}
      submitLabel={announcement ? 'Save announcement' : 'Post announcement'}
      label={announcement ? `Edit ${announcement.title}` : 'New announcement'}
    >
      {(failed) => (
        <>
          <TextField
            label="Title"
            name="title"
            id={`${prefix}-title`}
            maxLength={120}
            required
            defaultValue={failed?.values?.title ?? announcement?.title}
            error={failed?.fieldErrors?.title}
            hint="What customers read first, e.g. “Card payments are failing since 10:00; we are on it”."
          />
          <TextArea
            label="Details (optional)"
            name="body"
            id={`${prefix}-body`}
            rows={3}
            maxLength={2000}
            defaultValue={failed?.values?.body ?? announcement?.body}
            error={failed?.fieldErrors?.body}
            hint="Markdown: **bold**, [links](https://…), lists. At most 2,000 characters."
          />
          <TextField
            label="Related request (optional)"
            name="ticket"
            id={`${prefix}-ticket`}
            maxLength={40}
            defaultValue={
              failed?.values?.ticket ?? (announcement?.ticketNumber ? `#${announcement.ticketNumber}` : undefined)
            }
            error={failed?.fieldErrors?.ticket}
            hint="The problem or exception it is about: #1042 or a CERN. Only staff see it."
          />
        </>
      )}
    </ActionForm>
  );
}

export function CloseAnnouncementForm({
  action,
  announcement,
}: {
  action: FormActionFn;
  announcement: { id: string; title: string };
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ id: announcement.id }}
      submitLabel="Close"
      variant="secondary"
      label={`Close ${announcement.title}`}
    />
  );
}
