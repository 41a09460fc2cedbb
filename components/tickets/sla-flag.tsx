import { Badge } from '@/components/ui/badge';
import { slaFlag } from '@/lib/sla/breach';

type Stamps = Parameters<typeof slaFlag>[0];

/** "SLA breached" / "SLA at risk" beside a due time, from the SLA watch's stamps: words, not colour only. */
export function SlaFlag({ clock }: { clock: Stamps }) {
  const flag = slaFlag(clock);
  if (!flag) return null;
  return flag === 'breached' ? <Badge tone="red">SLA breached</Badge> : <Badge tone="amber">SLA at risk</Badge>;
}
