import { describe, expect, it } from 'vitest';
import { alertWords, slaAlerts, slaFlag, type WatchedClock } from './breach';

const T0 = new Date('2026-11-30T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** A request created at T0: first response due at 10:00 (warning 09:48), resolution due 17:00 (warning 15:24). */
const clock = (more: Partial<WatchedClock> = {}): WatchedClock => ({
  status: 'open',
  firstResponseAt: null,
  resolvedAt: null,
  firstResponseWarnAt: at(48),
  resolutionWarnAt: at(384),
  firstResponseDueAt: at(60),
  resolutionDueAt: at(480),
  firstResponseWarnedAt: null,
  resolutionWarnedAt: null,
  firstResponseBreachedAt: null,
  resolutionBreachedAt: null,
  ...more,
});

describe('SLA warnings and breaches', () => {
  it('is quiet before the warning moment', () => {
    expect(slaAlerts(clock(), at(47))).toEqual([]);
  });

  it('warns about the first response at the warning moment', () => {
    expect(slaAlerts(clock(), at(48))).toEqual([{ kind: 'warning', target: 'first_response', dueAt: at(60) }]);
  });

  it('warns once: a stamped warning is not repeated', () => {
    expect(slaAlerts(clock({ firstResponseWarnedAt: at(48) }), at(50))).toEqual([]);
  });

  it('breaches the first response at its due time, whether or not a warning went out', () => {
    expect(slaAlerts(clock({ firstResponseWarnedAt: at(48) }), at(60))).toEqual([
      { kind: 'breach', target: 'first_response', dueAt: at(60) },
    ]);
    // Overdue before any warning: the breach only.
    expect(slaAlerts(clock(), at(61))).toEqual([{ kind: 'breach', target: 'first_response', dueAt: at(60) }]);
  });

  it('breaches once: a stamped breach is not repeated', () => {
    expect(slaAlerts(clock({ firstResponseBreachedAt: at(60) }), at(70))).toEqual([]);
  });

  it('watches the resolution too, and both targets at once', () => {
    expect(slaAlerts(clock({ firstResponseAt: at(30) }), at(400))).toEqual([
      { kind: 'warning', target: 'resolution', dueAt: at(480) },
    ]);
    expect(slaAlerts(clock({ firstResponseBreachedAt: at(60) }), at(500))).toEqual([
      { kind: 'breach', target: 'resolution', dueAt: at(480) },
    ]);
    expect(slaAlerts(clock(), at(500))).toEqual([
      { kind: 'breach', target: 'first_response', dueAt: at(60) },
      { kind: 'breach', target: 'resolution', dueAt: at(480) },
    ]);
  });

  it('a met target is never warned about nor breached', () => {
    expect(slaAlerts(clock({ firstResponseAt: at(59) }), at(70))).toEqual([]);
    expect(slaAlerts(clock({ firstResponseAt: at(10), resolvedAt: at(470) }), at(500))).toEqual([]);
  });

  it('pauses while pending; resolved and closed requests have nothing due', () => {
    for (const status of ['pending', 'resolved', 'closed'] as const)
      expect(slaAlerts(clock({ status }), at(500)), status).toEqual([]);
    expect(slaAlerts(clock({ status: 'on_hold' }), at(61))).toHaveLength(1);
    expect(slaAlerts(clock({ status: 'new' }), at(61))).toHaveLength(1);
  });

  it('no warning moment (the policy warns at no share): only the breach', () => {
    expect(slaAlerts(clock({ firstResponseWarnAt: null }), at(59))).toEqual([]);
    expect(slaAlerts(clock({ firstResponseWarnAt: null }), at(60))).toHaveLength(1);
  });

  it('no due time: nothing', () => {
    expect(slaAlerts(clock({ firstResponseDueAt: null, resolutionDueAt: null }), at(999))).toEqual([]);
  });

  it('words the alert', () => {
    expect(alertWords('breach', 'first_response', '10:00')).toBe('First response target breached (due 10:00)');
    expect(alertWords('warning', 'resolution', '17:00')).toBe('Resolution target at risk (due 17:00)');
  });
});

describe('the SLA badge', () => {
  it('says breached while a missed target is unmet, at risk after a warning, nothing otherwise', () => {
    expect(slaFlag(clock())).toBeNull();
    expect(slaFlag(clock({ firstResponseWarnedAt: at(48) }))).toBe('at_risk');
    expect(slaFlag(clock({ firstResponseWarnedAt: at(48), firstResponseBreachedAt: at(60) }))).toBe('breached');
    expect(slaFlag(clock({ firstResponseBreachedAt: at(60), firstResponseAt: at(70) }))).toBeNull();
    expect(slaFlag(clock({ resolutionBreachedAt: at(480), firstResponseAt: at(70) }))).toBe('breached');
    expect(slaFlag(clock({ status: 'resolved', resolutionBreachedAt: at(480) }))).toBeNull();
  });
});
