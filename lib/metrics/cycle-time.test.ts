import { describe, expect, it } from 'vitest';
import { BOTTLENECK_MIN_SPANS, pickBottleneck } from './cycle-time';

const name = (id: string | null) => (id === null ? 'No team' : `Team ${id}`);

describe('the bottleneck', () => {
  it('is the stage and team with the longest median wait, set against the same pair before', () => {
    const b = pickBottleneck(
      [
        { stage: 'inquiry', teamId: 'a', count: 10, medianHours: 2 },
        { stage: 'resolution', teamId: 'a', count: 10, medianHours: 9 },
        { stage: 'resolution', teamId: 'b', count: 10, medianHours: 12 },
      ],
      [
        { stage: 'resolution', teamId: 'b', medianHours: 5 },
        { stage: 'resolution', teamId: 'a', medianHours: 20 },
      ],
      name,
    );
    expect(b).toEqual({
      stage: 'resolution',
      teamId: 'b',
      team: 'Team b',
      medianHours: 12,
      count: 10,
      previousMedianHours: 5,
    });
  });

  it('ignores pairs with too few stays to say anything, and says nothing without data', () => {
    const few = BOTTLENECK_MIN_SPANS - 1;
    expect(pickBottleneck([{ stage: 'inquiry', teamId: 'a', count: few, medianHours: 99 }], [], name)).toBeNull();
    expect(pickBottleneck([], [], name)).toBeNull();
    const b = pickBottleneck(
      [
        { stage: 'inquiry', teamId: 'a', count: few, medianHours: 99 },
        { stage: 'follow_up', teamId: null, count: BOTTLENECK_MIN_SPANS, medianHours: 30 },
      ],
      [],
      name,
    );
    expect(b).toMatchObject({ stage: 'follow_up', team: 'No team', previousMedianHours: null });
  });
});
