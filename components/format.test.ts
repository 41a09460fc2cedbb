import { describe, expect, it } from 'vitest';
import { slaDue, type SlaClock } from '@/lib/sla/due';
import { formatDateTime, formatSlaDue, formatSpan } from './format';

const now = new Date('2026-03-02T10:00:00Z');
const clock: SlaClock = {
  status: 'open',
  firstResponseAt: null,
  firstResponseDueAt: new Date('2026-03-02T12:10:00Z'),
  resolutionDueAt: new Date('2026-03-05T10:00:00Z'),
};

describe('SLA due time', () => {
  it('counts down to the first response, then to the resolution', () => {
    expect(formatSlaDue(slaDue(clock, now))).toBe('due in 2 h 10 m');
    expect(formatSlaDue(slaDue({ ...clock, firstResponseAt: now }, now))).toBe('due in 3 d');
  });
  it('says how long a target is overdue', () => {
    expect(formatSlaDue(slaDue({ ...clock, firstResponseDueAt: '2026-03-02T09:25:00Z' }, now))).toBe('overdue 35 m');
  });
  it('is paused while pending and gone once resolved', () => {
    expect(formatSlaDue(slaDue({ ...clock, status: 'pending' }, now))).toBe('paused (pending)');
    expect(formatSlaDue(slaDue({ ...clock, status: 'resolved' }, now))).toBe('—');
  });
  it('writes spans in minutes, hours and days', () => {
    expect(formatSpan(59)).toBe('59 m');
    expect(formatSpan(60)).toBe('1 h');
    expect(formatSpan(25 * 60 + 5)).toBe('1 d 1 h');
  });
});

describe("times in the viewer's zone", () => {
  it('formats an instant in the zone it is given', () => {
    const at = '2026-07-01T22:30:00Z';
    expect(formatDateTime(at, 'UTC')).toContain('22:30');
    expect(formatDateTime(at, 'Europe/Berlin')).toContain('2 Jul 2026');
    expect(formatDateTime(at, 'Europe/Berlin')).toContain('00:30');
  });
  it("uses the runtime's own zone for 'local'", () => {
    const at = '2026-07-01T22:30:00Z';
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatDateTime(at, 'local')).toBe(formatDateTime(at, own));
  });
});
