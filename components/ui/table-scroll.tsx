import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways inside itself on a narrow screen (390 px), never the page.
 * Focusable and labelled so a keyboard user can scroll it too; `relative` keeps any absolutely
 * positioned screen-reader text inside it from widening the page.
 */
export function TableScroll({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`relative overflow-x-auto ${className ?? ''}`} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
