import { describe, expect, it } from 'vitest';
import { pathProblem } from './paths';

const t1 = { id: 'a', name: 'Support', tier: 1 };
const t2 = { id: 'b', name: 'Tier 2', tier: 2 };
const t3 = { id: 'c', name: 'Database specialists', tier: 3 };

describe('escalation paths', () => {
  it('climbs: tier 1 → tier 2 → a specialist team, or ends', () => {
    expect(pathProblem(t1, 1, t2, [])).toBeNull();
    expect(pathProblem(t2, 2, t3, [t1])).toBeNull();
    expect(pathProblem(t3, 3, null, [t2])).toBeNull();
  });

  it('refuses itself, a team of the same or a lower tier (no loops)', () => {
    expect(pathProblem(t2, 2, t2, [])?.field).toBe('escalatesToId');
    expect(pathProblem(t3, 3, t1, [])).toEqual({
      field: 'escalatesToId',
      message: 'Support is tier 1: the next team must be of a higher tier than 3.',
    });
    expect(pathProblem(t1, 2, t2, [])?.field).toBe('escalatesToId');
  });

  it('keeps a team above the teams escalating to it', () => {
    expect(pathProblem(t2, 1, t3, [t1])).toEqual({
      field: 'tier',
      message: 'Support (tier 1) escalates to this team: its tier must stay above 1.',
    });
  });
});
