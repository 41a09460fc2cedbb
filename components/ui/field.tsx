import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

const CONTROL =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none aria-[invalid=true]:border-red-500';

interface FieldProps {
  label: string;
  name: string;
  /** Defaults to `name`; set it when two forms on one page share a field name. */
  id?: string;
  error?: string[] | string;
  hint?: string;
}

/** A labelled control with its error message beside it, wired for screen readers. */
function FieldShell({
  label,
  id,
  error,
  hint,
  children,
}: Omit<FieldProps, 'name'> & { id: string; children: ReactNode }) {
  const message = Array.isArray(error) ? error[0] : error;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !message ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {message}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, error?: string[] | string, hint?: string) =>
  error && error.length > 0 ? `${id}-error` : hint ? `${id}-hint` : undefined;

export function TextField({
  label,
  name,
  id = name,
  error,
  hint,
  ...props
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell label={label} id={id} error={error} hint={hint}>
      <input
        id={id}
        name={name}
        className={CONTROL}
        aria-invalid={error && error.length > 0 ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
      />
    </FieldShell>
  );
}

export function TextArea({
  label,
  name,
  id = name,
  error,
  hint,
  ...props
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} id={id} error={error} hint={hint}>
      <textarea
        id={id}
        name={name}
        rows={5}
        className={CONTROL}
        aria-invalid={error && error.length > 0 ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
      />
    </FieldShell>
  );
}

export function SelectField({
  label,
  name,
  id = name,
  error,
  hint,
  children,
  ...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell label={label} id={id} error={error} hint={hint}>
      <select
        id={id}
        name={name}
        className={CONTROL}
        aria-invalid={error && error.length > 0 ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
      >
        {children}
      </select>
    </FieldShell>
  );
}
