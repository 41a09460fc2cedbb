import type { ActionState } from '@/lib/core/action-state';
import type { MacroPreview } from '@/lib/macros/preview-macro';
import type { FormActionFn } from './action-form';

/** The ticket page's server actions, handed in by the page (components never import app/). */
export interface TicketActionSet {
  take: FormActionFn;
  properties: FormActionFn;
  send: FormActionFn;
  setWaiting: FormActionFn;
  escalate: FormActionFn;
  resolve: FormActionFn;
  close: FormActionFn;
  raiseException: FormActionFn;
  merge: FormActionFn;
  link: FormActionFn;
  createMacro: FormActionFn;
  previewMacro: (number: number, macroId: string) => Promise<ActionState<MacroPreview>>;
}
