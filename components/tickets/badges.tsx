import { Badge } from '@/components/ui/badge';
import { CUSTOMER_STATUS_LABELS, STAGE_LABELS, STATUS_LABELS } from '@/lib/tickets/transitions';
import { PRIORITY_LABELS, type Priority } from '@/lib/priority/priority';
import type { Stage, Status } from '@/db/schema';

const STATUS_TONES: Record<Status, 'slate' | 'green' | 'amber' | 'red' | 'blue' | 'purple'> = {
  new: 'blue',
  open: 'purple',
  pending: 'amber',
  on_hold: 'amber',
  resolved: 'green',
  closed: 'slate',
};

export function StatusBadge({ status, audience = 'staff' }: { status: Status; audience?: 'staff' | 'customer' }) {
  return (
    <Badge tone={STATUS_TONES[status]}>
      {audience === 'customer' ? CUSTOMER_STATUS_LABELS[status] : STATUS_LABELS[status]}
    </Badge>
  );
}

export function StageBadge({ stage }: { stage: Stage }) {
  return <Badge tone="slate">{STAGE_LABELS[stage]}</Badge>;
}

export function PriorityBadge({ priority }: { priority: number }) {
  const tone = priority === 1 ? 'red' : priority === 2 ? 'amber' : priority === 3 ? 'blue' : 'slate';
  return <Badge tone={tone}>{PRIORITY_LABELS[priority as Priority] ?? `P${priority}`}</Badge>;
}
