import { describe, expect, it } from 'vitest';
import { autoAssignedText, chooseAssignee, PRIORITY_WEIGHTS, rotation, weightedLoad, type Candidate } from './choose';

const agent = (name: string, over: Partial<Candidate> = {}): Candidate => ({
  id: `id-${name.toLowerCase()}`,
  name,
  active: true,
  availability: 'available',
  open: 0,
  load: 0,
  ...over,
});

const pickName = (choice: ReturnType<typeof chooseAssignee>) => (choice.ok ? choice.pick.name : choice.reason);

describe('round-robin', () => {
  const team = [agent('Cy'), agent('Ana'), agent('Ben')];

  it('goes in name order, starting after the last one picked, and wraps around', () => {
    expect(pickName(chooseAssignee('round_robin', team, 20, null))).toBe('Ana');
    expect(pickName(chooseAssignee('round_robin', team, 20, 'id-ana'))).toBe('Ben');
    expect(pickName(chooseAssignee('round_robin', team, 20, 'id-ben'))).toBe('Cy');
    expect(pickName(chooseAssignee('round_robin', team, 20, 'id-cy'))).toBe('Ana');
  });

  it('starts from the top when the last one picked left the team', () => {
    expect(pickName(chooseAssignee('round_robin', team, 20, 'id-gone'))).toBe('Ana');
  });

  it('skips away, deactivated and capped members, keeping the order', () => {
    const mixed = [
      agent('Ana'),
      agent('Ben', { availability: 'away' }),
      agent('Cy', { active: false }),
      agent('Dee', { open: 5 }),
      agent('Eve', { open: 4 }),
    ];
    expect(pickName(chooseAssignee('round_robin', mixed, 5, 'id-ana'))).toBe('Eve');
    expect(pickName(chooseAssignee('round_robin', mixed, 5, 'id-eve'))).toBe('Ana');
  });

  it('ignores load: the turn decides', () => {
    const loaded = [agent('Ana', { load: 40, open: 10 }), agent('Ben')];
    expect(pickName(chooseAssignee('round_robin', loaded, 20, 'id-ben'))).toBe('Ana');
  });
});

describe('least-loaded', () => {
  it('weights open requests by priority: P1=4, P2=3, P3=2, P4=1', () => {
    expect(PRIORITY_WEIGHTS).toEqual({ 1: 4, 2: 3, 3: 2, 4: 1 });
    expect(weightedLoad([1, 1])).toBe(8);
    expect(weightedLoad([4, 4, 4, 4, 4])).toBe(5);
    expect(weightedLoad([])).toBe(0);
  });

  it('picks the lowest weighted load, not the fewest requests', () => {
    const team = [
      agent('Ana', { open: 2, load: weightedLoad([1, 1]) }),
      agent('Ben', { open: 5, load: weightedLoad([4, 4, 4, 4, 4]) }),
    ];
    expect(pickName(chooseAssignee('least_loaded', team, 20, null))).toBe('Ben');
  });

  it('breaks a tie on load by fewer open requests, then by round-robin order', () => {
    const team = [
      agent('Ana', { open: 3, load: 6 }),
      agent('Ben', { open: 2, load: 6 }),
      agent('Cy', { open: 2, load: 6 }),
    ];
    expect(pickName(chooseAssignee('least_loaded', team, 20, null))).toBe('Ben');
    expect(pickName(chooseAssignee('least_loaded', team, 20, 'id-ben'))).toBe('Cy');
    expect(pickName(chooseAssignee('least_loaded', team, 20, 'id-cy'))).toBe('Ben');
  });

  it('skips the unavailable even when they are the least loaded', () => {
    const team = [agent('Ana', { availability: 'away' }), agent('Ben', { open: 19, load: 60 })];
    expect(pickName(chooseAssignee('least_loaded', team, 20, null))).toBe('Ben');
    expect(pickName(chooseAssignee('least_loaded', team, 19, null))).toBe('all_at_cap');
  });
});

describe('nobody to pick', () => {
  it('says why', () => {
    expect(pickName(chooseAssignee('round_robin', [], 20, null))).toBe('no_members');
    expect(pickName(chooseAssignee('round_robin', [agent('Ana', { active: false })], 20, null))).toBe('no_members');
    expect(pickName(chooseAssignee('least_loaded', [agent('Ana', { availability: 'away' })], 20, null))).toBe(
      'nobody_available',
    );
    expect(pickName(chooseAssignee('round_robin', [agent('Ana', { open: 20 })], 20, null))).toBe('all_at_cap');
  });

  it('the rotation lists only the eligible, in turn order', () => {
    const team = [agent('Ana'), agent('Ben', { availability: 'away' }), agent('Cy')];
    expect(rotation(team, 20, 'id-ana').eligible.map((c) => c.name)).toEqual(['Cy', 'Ana']);
  });
});

describe('timeline words', () => {
  it('reads "Assigned to Ana by round-robin"', () => {
    expect(autoAssignedText({ by: 'round_robin', assignee: 'Ana' })).toBe('Assigned to Ana by round-robin');
    expect(autoAssignedText({ by: 'least_loaded', assignee: 'Ben' })).toBe('Assigned to Ben by least-loaded');
  });
});
