'use client';

import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { ActionForm, type FormActionFn } from './action-form';

interface Editable {
  id: string;
  version: number;
  name: string;
  email: string | null;
  phone: string | null;
  organization: string | null;
  preferredChannel: string | null;
  notes: string;
  tags: string[];
}

export function EditCustomerForm({
  updateCustomerAction,
  customer,
}: {
  updateCustomerAction: FormActionFn;
  customer: Editable;
}) {
  return (
    <ActionForm
      action={updateCustomerAction}
      hidden={{ customerId: customer.id, version: customer.version }}
      submitLabel="Save customer"
      label="Edit customer"
      reloadLabel="Reload the customer"
    >
      {(failed) => {
        const v = failed?.values;
        return (
          <>
            <TextField
              label="Name"
              name="name"
              defaultValue={v?.name ?? customer.name}
              error={failed?.fieldErrors?.name}
            />
            <TextField
              label="E-mail"
              name="email"
              type="email"
              defaultValue={v?.email ?? customer.email ?? ''}
              error={failed?.fieldErrors?.email}
            />
            <TextField
              label="Phone"
              name="phone"
              type="tel"
              defaultValue={v?.phone ?? customer.phone ?? ''}
              error={failed?.fieldErrors?.phone}
            />
            <TextField
              label="Organization"
              name="organization"
              defaultValue={v?.organization ?? customer.organization ?? ''}
              error={failed?.fieldErrors?.organization}
            />
            <SelectField
              label="Preferred channel"
              name="preferredChannel"
              defaultValue={v?.preferredChannel ?? customer.preferredChannel ?? ''}
            >
              <option value="">No preference</option>
              {['web', 'email', 'phone', 'chat', 'social'].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectField>
            <TextField
              label="Tags"
              name="tags"
              hint="Comma-separated."
              defaultValue={v?.tags ?? customer.tags.join(', ')}
              error={failed?.fieldErrors?.tags}
            />
            <TextArea
              label="Notes"
              name="notes"
              rows={4}
              defaultValue={v?.notes ?? customer.notes}
              error={failed?.fieldErrors?.notes}
            />
          </>
        );
      }}
    </ActionForm>
  );
}

export function MergeCustomerForm({
  mergeCustomersAction,
  customerId,
}: {
  mergeCustomersAction: FormActionFn;
  customerId: string;
}) {
  return (
    <ActionForm
      action={mergeCustomersAction}
      hidden={{ customerId }}
      submitLabel="Merge into this customer"
      variant="secondary"
      label="Merge customers"
    >
      {(failed) => (
        <TextField
          label="E-mail or phone of the duplicate record"
          name="duplicate"
          hint="Its requests, messages and login move here; the duplicate is removed."
          defaultValue={failed?.values?.duplicate}
          error={failed?.fieldErrors?.duplicate}
        />
      )}
    </ActionForm>
  );
}

/** Data protection (admins): erase the person, irreversibly, after typing the confirmation word. */
export function EraseCustomerForm({
  eraseCustomerAction,
  customerId,
  confirmation,
}: {
  eraseCustomerAction: FormActionFn;
  customerId: string;
  confirmation: string;
}) {
  return (
    <ActionForm
      action={eraseCustomerAction}
      hidden={{ customerId }}
      submitLabel="Erase this customer"
      variant="danger"
      label="Erase this customer"
    >
      {(failed) => (
        <TextField
          label={`Type ${confirmation} to confirm`}
          name="confirmation"
          autoComplete="off"
          hint="Irreversible: name, e-mail and phone are replaced, their messages redacted, files deleted, links and login revoked. The requests stay in the figures."
          error={failed?.fieldErrors?.confirmation}
        />
      )}
    </ActionForm>
  );
}
