import type { TargetJudgement } from '@/lib/metrics/targets';
import { formatHours } from './format';

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** "Target ≥ 85 % · met" under a figure: in words and a mark, never colour alone. */
export function TargetNote({ judgement, what }: { judgement: TargetJudgement | null; what?: string }) {
  if (!judgement) return null;
  const bound = judgement.direction === 'at_least' ? '≥' : '≤';
  const target =
    judgement.direction === 'at_least' ? `${oneDecimal.format(judgement.target)} %` : formatHours(judgement.target);
  return (
    <p className={`mt-1 text-xs font-medium ${judgement.met ? 'text-emerald-800' : 'text-red-700'}`}>
      <span aria-hidden="true">{judgement.met ? '✓ ' : '✗ '}</span>
      Target{what ? ` for the ${what}` : ''} {bound} {target} · {judgement.met ? 'met' : 'missed'}
    </p>
  );
}
