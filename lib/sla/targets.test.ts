import { describe, expect, it } from 'vitest';
import type { Calendar } from './business-hours';
import {
  businessElapsed,
  slaClockChange,
  slaDueTimes,
  slaReachedStamps,
  slaRecompute,
  type SlaTargets,
  type SlaTicket,
} from './targets';

const at = (iso: string) => new Date(iso);
const H = 3_600_000;
const office: Calendar = {
  timeZone: 'Europe/Amsterdam',
  hours: { days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:30' })) },
  holidays: ['2026-12-25'],
};
const roundTheClock = (fr: number, res: number): SlaTargets => ({
  policyId: null,
  firstResponseMinutes: fr * 60,
  resolutionMinutes: res * 60,
  warnAtPercent: null,
  calendar: null,
});
const business: SlaTargets = {
  policyId: 'p1',
  firstResponseMinutes: 120,
  resolutionMinutes: 16 * 60,
  warnAtPercent: 80,
  calendar: office,
};

const ticket = (over: Partial<SlaTicket> = {}): SlaTicket => ({
  createdAt: at('2026-11-30T08:00:00Z'), // Mon 09:00 CET
  status: 'open',
  slaPolicyId: null,
  slaPausedAt: null,
  slaPausedMs: 0,
  slaPausedBusinessMs: 0,
  firstResponseAt: null,
  resolvedAt: null,
  firstResponseDueAt: at('2026-11-30T09:00:00Z'),
  resolutionDueAt: at('2026-11-30T16:00:00Z'),
  firstResponseWarnAt: null,
  resolutionWarnAt: null,
  firstResponseWarnedAt: null,
  resolutionWarnedAt: null,
  firstResponseBreachedAt: null,
  resolutionBreachedAt: null,
  ...over,
});

describe('slaDueTimes', () => {
  it('counts round the clock without a calendar, pushed back by pauses', () => {
    expect(slaDueTimes(at('2026-01-01T00:00:00Z'), roundTheClock(1, 8))).toEqual({
      slaPolicyId: null,
      firstResponseDueAt: at('2026-01-01T01:00:00Z'),
      resolutionDueAt: at('2026-01-01T08:00:00Z'),
      firstResponseWarnAt: null,
      resolutionWarnAt: null,
    });
    expect(slaDueTimes(at('2026-01-01T00:00:00Z'), roundTheClock(24, 120), H).resolutionDueAt).toEqual(
      at('2026-01-06T01:00:00Z'),
    );
  });

  it('counts business hours of the calendar, with warning moments', () => {
    // Fri 4 Dec 16:00 CET: 2 h first response = 1.5 h Friday + 30 min Monday → Mon 09:30 CET.
    // 16 h resolution = 1.5 + 8.5 (Mon) + 6 (Tue) → Tue 15:00 CET.
    // Warn at 80 %: 96 min → Fri 17:30 + 6 min = Mon 09:06; 768 min → 90 + 510 + 168 → Tue 11:48 CET.
    expect(slaDueTimes(at('2026-12-04T15:00:00Z'), business)).toEqual({
      slaPolicyId: 'p1',
      firstResponseDueAt: at('2026-12-07T08:30:00Z'),
      resolutionDueAt: at('2026-12-08T14:00:00Z'),
      firstResponseWarnAt: at('2026-12-07T08:06:00Z'),
      resolutionWarnAt: at('2026-12-08T10:48:00Z'),
    });
  });
});

describe('slaClockChange', () => {
  it('stamps the pause when the request starts waiting on the customer', () => {
    expect(slaClockChange(ticket(), 'pending', at('2026-11-30T10:00:00Z'))).toEqual({
      slaPausedAt: at('2026-11-30T10:00:00Z'),
    });
  });

  it('pushes open due times back by the business time of the pause', () => {
    // Pending Mon 16:00 CET → Tue 10:00 CET: 1.5 h Monday + 1 h Tuesday = 2.5 business hours.
    const change = slaClockChange(
      ticket({
        status: 'pending',
        slaPausedAt: at('2026-11-30T15:00:00Z'),
        firstResponseWarnAt: at('2026-11-30T08:30:00Z'),
      }),
      'open',
      at('2026-12-01T09:00:00Z'),
      office,
    );
    expect(change).toEqual({
      slaPausedAt: null,
      slaPausedMs: 18 * H,
      slaPausedBusinessMs: 2.5 * H,
      // Mon 10:00 + 2.5 h = 12:30 CET; Mon 17:00 + 2.5 h = 30 min Mon + 2 h Tue → Tue 11:00 CET.
      firstResponseDueAt: at('2026-11-30T11:30:00Z'),
      firstResponseWarnAt: at('2026-11-30T11:00:00Z'),
      resolutionDueAt: at('2026-12-01T10:00:00Z'),
      resolutionWarnAt: null,
    });
  });

  it('leaves a first response already given where it was judged', () => {
    const change = slaClockChange(
      ticket({
        status: 'pending',
        slaPausedAt: at('2026-11-30T10:00:00Z'),
        firstResponseAt: at('2026-11-30T09:30:00Z'),
      }),
      'open',
      at('2026-11-30T11:00:00Z'),
    );
    expect(change.firstResponseDueAt).toEqual(at('2026-11-30T09:00:00Z'));
    expect(change.resolutionDueAt).toEqual(at('2026-11-30T17:00:00Z'));
  });

  it('does nothing for changes that do not touch pending', () => {
    expect(slaClockChange(ticket(), 'on_hold', at('2026-11-30T10:00:00Z'))).toEqual({});
  });
});

describe('slaClockChange on a reopen (the clock stops while resolved)', () => {
  const resolved = (over: Partial<SlaTicket> = {}) =>
    ticket({
      status: 'resolved',
      firstResponseAt: at('2026-11-30T08:30:00Z'),
      resolvedAt: at('2026-11-30T15:00:00Z'), // one hour before the resolution was due (16:00Z)
      ...over,
    });

  it('keeps the original target less the time spent resolved: reopened two days later, one hour is left', () => {
    const change = slaClockChange(resolved(), 'open', at('2026-12-02T15:00:00Z'));
    expect(change).toEqual({
      slaPausedAt: null,
      slaPausedMs: 48 * H,
      slaPausedBusinessMs: 48 * H,
      firstResponseDueAt: at('2026-11-30T09:00:00Z'), // reached: judged where it was
      firstResponseWarnAt: null,
      resolutionDueAt: at('2026-12-02T16:00:00Z'), // not past at the reopen: no breach at once
      resolutionWarnAt: null,
    });
  });

  it('counts the resolved time in business hours of the calendar', () => {
    // Resolved Mon 16:00 CET, reopened Tue 10:00 CET: Mon 16:00–17:30 + Tue 09:00–10:00 = 2.5 h.
    // Due Mon 17:00 CET + 2.5 h = 30 min Monday + 2 h Tuesday → Tue 11:00 CET.
    const change = slaClockChange(resolved(), 'open', at('2026-12-01T09:00:00Z'), office);
    expect(change).toMatchObject({
      slaPausedMs: 18 * H,
      slaPausedBusinessMs: 2.5 * H,
      resolutionDueAt: at('2026-12-01T10:00:00Z'),
    });
  });

  it('reopened into pending: the resolved time counts and a new pause starts', () => {
    const change = slaClockChange(resolved(), 'pending', at('2026-12-02T15:00:00Z'));
    expect(change).toMatchObject({ slaPausedAt: at('2026-12-02T15:00:00Z'), slaPausedMs: 48 * H });
  });

  it('closing a resolved request moves nothing', () => {
    expect(slaClockChange(resolved(), 'closed', at('2026-12-02T15:00:00Z'))).toEqual({});
  });
});

describe('slaRecompute', () => {
  const now = at('2026-11-30T08:30:00Z');
  it('recomputes open targets from creation, pauses excluded', () => {
    const patch = slaRecompute(ticket({ slaPausedBusinessMs: H }), business, now);
    // Mon 09:00 CET + 2 h + 1 h paused = 12:00 CET; + 16 h + 1 h = Mon 8.5 + Tue 8.5 → Tue 17:30 CET.
    expect(patch.firstResponseDueAt).toEqual(at('2026-11-30T11:00:00Z'));
    expect(patch.resolutionDueAt).toEqual(at('2026-12-01T16:30:00Z'));
    expect(patch.slaPolicyId).toBe('p1');
  });

  it('keeps the due time a reached target was judged against', () => {
    const answered = ticket({ firstResponseAt: at('2026-11-30T08:20:00Z') });
    const patch = slaRecompute(answered, business, now);
    expect(patch.firstResponseDueAt).toBeUndefined();
    expect(patch.resolutionDueAt).toEqual(at('2026-12-01T15:30:00Z'));
    const resolved = slaRecompute({ ...answered, resolvedAt: at('2026-11-30T08:25:00Z') }, business, now);
    expect(resolved).toEqual({});
  });

  it('clears warned and breached stamps only when the moment moves past now', () => {
    const stamped = ticket({
      firstResponseWarnedAt: at('2026-11-30T08:10:00Z'),
      firstResponseBreachedAt: at('2026-11-30T08:20:00Z'),
      resolutionWarnedAt: at('2026-11-30T08:25:00Z'),
    });
    // Later targets (2 h business): the first response is no longer breached nor warned.
    const later = slaRecompute(stamped, business, now);
    expect(later.firstResponseBreachedAt).toBeNull();
    expect(later.firstResponseWarnedAt).toBeNull();
    expect(later.resolutionWarnedAt).toBeNull();
    // Tighter targets already past: the stamps stay.
    const tight = slaRecompute(stamped, { ...roundTheClock(0.25, 0.5), warnAtPercent: 50 }, now);
    expect(tight).not.toHaveProperty('firstResponseBreachedAt');
    expect(tight).not.toHaveProperty('resolutionWarnedAt');
  });
});

describe('business time to first response and resolution', () => {
  it('excludes nights, weekends and pauses', () => {
    // Created Fri 4 Dec 16:00 CET, answered Mon 10:00 CET: 1.5 h + 1 h.
    const created = ticket({ createdAt: at('2026-12-04T15:00:00Z') });
    expect(slaReachedStamps(created, { ...created, firstResponseAt: at('2026-12-07T09:00:00Z') }, office)).toEqual({
      firstResponseBusinessMs: 2.5 * H,
    });
    // Resolved Tue 12:00 CET after 1 business hour pending (counted) and a pause running since Tue 11:00.
    const resolved = {
      ...created,
      slaPausedMs: H,
      slaPausedBusinessMs: H,
      slaPausedAt: at('2026-12-08T10:00:00Z'),
      firstResponseAt: at('2026-12-07T09:00:00Z'),
      resolvedAt: at('2026-12-08T11:00:00Z'),
    };
    // 1.5 (Fri) + 8.5 (Mon) + 3 (Tue to 12:00) = 13 h, minus 1 h paused, minus 1 h running pause.
    expect(slaReachedStamps({ ...resolved, resolvedAt: null }, resolved, office)).toEqual({
      resolutionBusinessMs: 11 * H,
    });
    expect(businessElapsed(resolved, at('2026-12-08T11:00:00Z'), null)).toBe(
      at('2026-12-08T11:00:00Z').getTime() - at('2026-12-04T15:00:00Z').getTime() - 2 * H,
    );
  });

  it('forgets the resolution time when the request is reopened', () => {
    const resolved = ticket({ resolvedAt: at('2026-11-30T10:00:00Z') });
    expect(slaReachedStamps(resolved, { ...resolved, resolvedAt: null }, null)).toEqual({ resolutionBusinessMs: null });
  });
});
