import { describe, expect, it } from 'vitest';
import { slaClockChange, slaDueAfterPriorityChange, slaDueTimes } from './targets';

const at = (iso: string) => new Date(iso);

describe('SLA targets', () => {
  it('sets due times per priority from creation, plus time paused', () => {
    expect(slaDueTimes(at('2026-01-01T00:00:00Z'), 1)).toEqual({
      firstResponseDueAt: at('2026-01-01T01:00:00Z'),
      resolutionDueAt: at('2026-01-01T08:00:00Z'),
    });
    expect(slaDueTimes(at('2026-01-01T00:00:00Z'), 4, 3_600_000)).toEqual({
      firstResponseDueAt: at('2026-01-02T01:00:00Z'),
      resolutionDueAt: at('2026-01-06T01:00:00Z'),
    });
  });
});

describe('SLA clock', () => {
  const base = {
    slaPausedAt: null,
    slaPausedMs: 0,
    firstResponseAt: null,
    firstResponseDueAt: at('2026-01-01T08:00:00Z'),
    resolutionDueAt: at('2026-01-04T00:00:00Z'),
  };

  it('pauses when the request starts waiting on the customer', () => {
    expect(slaClockChange({ ...base, status: 'open' }, 'pending', at('2026-01-01T02:00:00Z'))).toEqual({
      slaPausedAt: at('2026-01-01T02:00:00Z'),
    });
  });

  it('pushes the open due times back by the pause when it resumes', () => {
    const change = slaClockChange(
      { ...base, status: 'pending', slaPausedAt: at('2026-01-01T02:00:00Z'), slaPausedMs: 60_000 },
      'open',
      at('2026-01-01T05:00:00Z'),
    );
    expect(change).toEqual({
      slaPausedAt: null,
      slaPausedMs: 60_000 + 3 * 3_600_000,
      firstResponseDueAt: at('2026-01-01T11:00:00Z'),
      resolutionDueAt: at('2026-01-04T03:00:00Z'),
    });
  });

  it('leaves a met first-response target alone', () => {
    const change = slaClockChange(
      {
        ...base,
        status: 'pending',
        firstResponseAt: at('2026-01-01T01:00:00Z'),
        slaPausedAt: at('2026-01-01T02:00:00Z'),
      },
      'resolved',
      at('2026-01-01T03:00:00Z'),
    );
    expect(change.firstResponseDueAt).toEqual(base.firstResponseDueAt);
    expect(change.resolutionDueAt).toEqual(at('2026-01-04T01:00:00Z'));
  });

  it('does nothing when neither side is pending', () => {
    expect(slaClockChange({ ...base, status: 'open' }, 'on_hold', at('2026-01-01T02:00:00Z'))).toEqual({});
  });
});

describe('SLA due times after a priority change', () => {
  const created = at('2026-01-01T00:00:00Z');
  const base = {
    createdAt: created,
    slaPausedMs: 0,
    firstResponseAt: null,
    firstResponseDueAt: at('2026-01-01T08:00:00Z'),
    resolutionDueAt: at('2026-01-04T00:00:00Z'),
    resolvedAt: null,
  };

  it("uses the new priority's targets from creation, plus the pauses already over", () => {
    expect(slaDueAfterPriorityChange(base, 1)).toEqual({
      firstResponseDueAt: at('2026-01-01T01:00:00Z'),
      resolutionDueAt: at('2026-01-01T08:00:00Z'),
    });
    expect(slaDueAfterPriorityChange({ ...base, slaPausedMs: 3_600_000 }, 1)).toEqual({
      firstResponseDueAt: at('2026-01-01T02:00:00Z'),
      resolutionDueAt: at('2026-01-01T09:00:00Z'),
    });
  });

  it('keeps the due time of a target already reached', () => {
    const answered = { ...base, firstResponseAt: at('2026-01-01T05:00:00Z') };
    expect(slaDueAfterPriorityChange(answered, 1)).toEqual({
      firstResponseDueAt: base.firstResponseDueAt,
      resolutionDueAt: at('2026-01-01T08:00:00Z'),
    });
    expect(slaDueAfterPriorityChange({ ...answered, resolvedAt: at('2026-01-02T00:00:00Z') }, 1)).toEqual({
      firstResponseDueAt: base.firstResponseDueAt,
      resolutionDueAt: base.resolutionDueAt,
    });
  });
});
