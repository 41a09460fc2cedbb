import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '@/db/sla-schema';
import {
  addBusinessMinutes,
  addBusinessMs,
  businessMsBetween,
  isValidTimeZone,
  opensAtAll,
  type Calendar,
} from './business-hours';

const at = (iso: string) => new Date(iso);
const MIN = 60_000;
const weekdays = (open: string, close: string): OpeningHours => ({
  days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open, close })),
});

// Every expected value below is worked out by hand; comments give the local reading.
// Amsterdam: CET = UTC+1 in winter, CEST = UTC+2 from 29 March 2026 to 25 October 2026.
const office: Calendar = {
  timeZone: 'Europe/Amsterdam',
  hours: weekdays('09:00', '17:30'),
  holidays: ['2026-12-25', '2026-12-26'],
};

describe('addBusinessMinutes (Amsterdam office, Mon–Fri 09:00–17:30)', () => {
  it('stays within the day', () => {
    // Mon 30 Nov 10:00 CET + 60 min = 11:00 CET.
    expect(addBusinessMinutes(office, at('2026-11-30T09:00:00Z'), 60)).toEqual(at('2026-11-30T10:00:00Z'));
  });

  it('carries over the night', () => {
    // Mon 16:30 + 120: 60 min to 17:30, 60 min from Tue 09:00 → Tue 10:00 CET.
    expect(addBusinessMinutes(office, at('2026-11-30T15:30:00Z'), 120)).toEqual(at('2026-12-01T09:00:00Z'));
  });

  it('skips the weekend', () => {
    // Fri 4 Dec 17:00 + 60: 30 min Friday, 30 min from Mon 7 Dec 09:00 → 09:30 CET.
    expect(addBusinessMinutes(office, at('2026-12-04T16:00:00Z'), 60)).toEqual(at('2026-12-07T08:30:00Z'));
  });

  it('starts at the next opening when created outside hours', () => {
    // Sat 5 Dec 12:00 → counts from Mon 09:00: +30 = 09:30 CET.
    expect(addBusinessMinutes(office, at('2026-12-05T11:00:00Z'), 30)).toEqual(at('2026-12-07T08:30:00Z'));
    // Mon 07:00 CET (before opening) + 30 → 09:30 CET.
    expect(addBusinessMinutes(office, at('2026-12-07T06:00:00Z'), 30)).toEqual(at('2026-12-07T08:30:00Z'));
    // Mon 20:00 CET (after closing) + 30 → Tue 09:30 CET.
    expect(addBusinessMinutes(office, at('2026-12-07T19:00:00Z'), 30)).toEqual(at('2026-12-08T08:30:00Z'));
  });

  it('skips holidays', () => {
    // Thu 24 Dec 17:00 + 60: 30 min Thursday; Fri 25 holiday, weekend; Mon 28 Dec 09:30 CET.
    expect(addBusinessMinutes(office, at('2026-12-24T16:00:00Z'), 60)).toEqual(at('2026-12-28T08:30:00Z'));
  });

  it('spans several days', () => {
    // Mon 30 Nov 09:00 + 3 × 510 min = Wed 2 Dec 17:30 CET (due at closing, not next morning).
    expect(addBusinessMinutes(office, at('2026-11-30T08:00:00Z'), 1530)).toEqual(at('2026-12-02T16:30:00Z'));
    // One minute more → Thu 09:01 CET.
    expect(addBusinessMinutes(office, at('2026-11-30T08:00:00Z'), 1531)).toEqual(at('2026-12-03T08:01:00Z'));
    // 72 business hours = 4320 min = 8 days × 510 + 240: Mon 30 Nov … Wed 9 Dec full, Thu 10 Dec 13:00 CET.
    expect(addBusinessMinutes(office, at('2026-11-30T08:00:00Z'), 4320)).toEqual(at('2026-12-10T12:00:00Z'));
  });

  it('zero minutes is the start itself', () => {
    expect(addBusinessMinutes(office, at('2026-12-05T11:00:00Z'), 0)).toEqual(at('2026-12-05T11:00:00Z'));
  });

  it('honours a lunch break (two intervals a day)', () => {
    const lunch: Calendar = {
      timeZone: 'Europe/Amsterdam',
      hours: {
        days: [
          { weekday: 1, open: '09:00', close: '12:00' },
          { weekday: 1, open: '13:00', close: '17:00' },
        ],
      },
      holidays: [],
    };
    // Mon 11:30 + 60: 30 min to 12:00, 30 min from 13:00 → 13:30 CET.
    expect(addBusinessMinutes(lunch, at('2026-11-30T10:30:00Z'), 60)).toEqual(at('2026-11-30T12:30:00Z'));
    // Only Mondays: Mon 16:30 + 60 → next Monday 09:30.
    expect(addBusinessMinutes(lunch, at('2026-11-30T15:30:00Z'), 60)).toEqual(at('2026-12-07T08:30:00Z'));
  });

  it('is plain time without a calendar (round the clock)', () => {
    expect(addBusinessMinutes(null, at('2026-12-05T11:00:00Z'), 90)).toEqual(at('2026-12-05T12:30:00Z'));
  });
});

describe('DST changes', () => {
  it('Amsterdam spring forward: Friday CET, Monday CEST', () => {
    // Fri 27 Mar 17:00 CET (16:00Z) + 60: 30 min Fri, Mon 30 Mar 09:30 CEST = 07:30Z.
    expect(addBusinessMinutes(office, at('2026-03-27T16:00:00Z'), 60)).toEqual(at('2026-03-30T07:30:00Z'));
    expect(businessMsBetween(office, at('2026-03-27T16:00:00Z'), at('2026-03-30T07:30:00Z'))).toBe(60 * MIN);
  });

  it('Amsterdam fall back: Friday CEST, Monday CET', () => {
    // Fri 23 Oct 17:00 CEST (15:00Z) + 60 → Mon 26 Oct 09:30 CET = 08:30Z.
    expect(addBusinessMinutes(office, at('2026-10-23T15:00:00Z'), 60)).toEqual(at('2026-10-26T08:30:00Z'));
  });

  const sundays = (zone: string, open: string, close: string): Calendar => ({
    timeZone: zone,
    hours: { days: [{ weekday: 7, open, close }] },
    holidays: [],
  });

  it('a whole Sunday lasts 23 h on the spring-forward day and 25 h on the fall-back day (Amsterdam)', () => {
    const allDay = sundays('Europe/Amsterdam', '00:00', '24:00');
    // Sun 29 Mar 00:00 CET = Sat 23:00Z; Mon 00:00 CEST = Sun 22:00Z.
    expect(businessMsBetween(allDay, at('2026-03-28T12:00:00Z'), at('2026-03-30T12:00:00Z'))).toBe(23 * 60 * MIN);
    expect(addBusinessMinutes(allDay, at('2026-03-28T12:00:00Z'), 23 * 60)).toEqual(at('2026-03-29T22:00:00Z'));
    // Sun 25 Oct 00:00 CEST = Sat 22:00Z; Mon 00:00 CET = Sun 23:00Z.
    expect(businessMsBetween(allDay, at('2026-10-24T12:00:00Z'), at('2026-10-26T12:00:00Z'))).toBe(25 * 60 * MIN);
    // 24 h from Sat 22:00Z is Sun 22:00Z = 23:00 CET, one business hour before the day ends.
    expect(addBusinessMinutes(allDay, at('2026-10-24T12:00:00Z'), 24 * 60)).toEqual(at('2026-10-25T22:00:00Z'));
  });

  it('a night shift across the change (New York, Sunday 01:00–04:00)', () => {
    const night = sundays('America/New_York', '01:00', '04:00');
    // 8 Mar 2026: 02:00 EST jumps to 03:00 EDT. 01:00 EST = 06:00Z, 04:00 EDT = 08:00Z → 2 h.
    expect(businessMsBetween(night, at('2026-03-07T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toBe(2 * 60 * MIN);
    expect(addBusinessMinutes(night, at('2026-03-07T00:00:00Z'), 90)).toEqual(at('2026-03-08T07:30:00Z'));
    // 1 Nov 2026: 02:00 EDT falls back to 01:00 EST. 01:00 EDT = 05:00Z, 04:00 EST = 09:00Z → 4 h.
    expect(businessMsBetween(night, at('2026-10-31T00:00:00Z'), at('2026-11-02T00:00:00Z'))).toBe(4 * 60 * MIN);
  });

  it('New York office hours across both changes', () => {
    const ny: Calendar = { timeZone: 'America/New_York', hours: weekdays('08:00', '18:00'), holidays: [] };
    // Fri 6 Mar 17:00 EST (22:00Z) + 120: 60 Fri, Mon 9 Mar 09:00 EDT = 13:00Z.
    expect(addBusinessMinutes(ny, at('2026-03-06T22:00:00Z'), 120)).toEqual(at('2026-03-09T13:00:00Z'));
    // Fri 30 Oct 17:00 EDT (21:00Z) + 120 → Mon 2 Nov 09:00 EST = 14:00Z.
    expect(addBusinessMinutes(ny, at('2026-10-30T21:00:00Z'), 120)).toEqual(at('2026-11-02T14:00:00Z'));
  });
});

describe('businessMsBetween', () => {
  it('measures a pause in business time only', () => {
    // Pending from Fri 4 Dec 16:00 to Mon 7 Dec 10:00 CET: 90 min Friday + 60 min Monday.
    expect(businessMsBetween(office, at('2026-12-04T15:00:00Z'), at('2026-12-07T09:00:00Z'))).toBe(150 * MIN);
    // The due time a pause pushes back: Mon 11:00 CET + 150 business minutes → 13:30 CET.
    expect(addBusinessMinutes(office, at('2026-12-07T10:00:00Z'), 150)).toEqual(at('2026-12-07T12:30:00Z'));
  });

  it('is zero outside hours, over holidays and for reversed moments', () => {
    expect(businessMsBetween(office, at('2026-12-05T08:00:00Z'), at('2026-12-06T20:00:00Z'))).toBe(0);
    expect(businessMsBetween(office, at('2026-12-24T16:30:00Z'), at('2026-12-28T08:00:00Z'))).toBe(0);
    expect(businessMsBetween(office, at('2026-12-07T10:00:00Z'), at('2026-12-07T09:00:00Z'))).toBe(0);
  });

  it('agrees with addBusinessMinutes over several days', () => {
    const start = at('2026-12-03T14:17:00Z');
    const due = addBusinessMinutes(office, start, 2000)!;
    expect(businessMsBetween(office, start, due)).toBe(2000 * MIN);
  });

  it('is wall time without a calendar', () => {
    expect(businessMsBetween(null, at('2026-12-05T08:00:00Z'), at('2026-12-05T09:30:00Z'))).toBe(90 * MIN);
  });
});

describe('calendar checks', () => {
  it('refuses a calendar that never opens', () => {
    expect(opensAtAll({ days: [] })).toBe(false);
    expect(opensAtAll({ days: [{ weekday: 1, open: '10:00', close: '10:00' }] })).toBe(false);
    const closed: Calendar = { timeZone: 'Europe/Amsterdam', hours: { days: [] }, holidays: [] };
    // No business time at all: no due time, and nothing counts (never an exception, never a 500).
    expect(addBusinessMinutes(closed, at('2026-12-05T08:00:00Z'), 30)).toBeNull();
    expect(businessMsBetween(closed, at('2026-12-05T08:00:00Z'), at('2026-12-06T08:00:00Z'))).toBe(0);
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

/** Every local date from `from` to `to` (inclusive), "YYYY-MM-DD". */
function everyDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1))
    out.push(d.toISOString().slice(0, 10));
  return out;
}

describe('long spans and long closures (total: an answer or null, never an exception)', () => {
  const DAY = 24 * 60 * MIN;
  const allWeek: OpeningHours = {
    days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })),
  };
  const utcOffice: Calendar = { timeZone: 'UTC', hours: weekdays('09:00', '17:00'), holidays: [] };

  it('adds a pause longer than ten years', () => {
    // 2026-01-01 00:00Z + 12 years of an always-open UTC calendar: 12 × 365 + 3 leap days (2028, 2032, 2036).
    const always: Calendar = { timeZone: 'UTC', hours: allWeek, holidays: [] };
    expect(addBusinessMs(always, at('2026-01-01T00:00:00Z'), 4383 * DAY)).toEqual(at('2038-01-01T00:00:00Z'));
    // 600 working weeks of 40 h from Monday 30 Nov 2026 09:00Z end on the Friday 599 weeks after
    // Friday 4 Dec 2026 (4,193 days later): Friday 28 May 2038, 17:00Z (closing time).
    expect(addBusinessMs(utcOffice, at('2026-11-30T09:00:00Z'), 600 * 40 * 60 * MIN)).toEqual(
      at('2038-05-28T17:00:00Z'),
    );
  });

  it('measures a span longer than twenty years exactly', () => {
    // 2026-01-01 → 2051-01-01: 25 × 365 + 6 leap days (2028 … 2048) = 9,131 days.
    const always: Calendar = { timeZone: 'UTC', hours: allWeek, holidays: [] };
    expect(businessMsBetween(always, at('2026-01-01T00:00:00Z'), at('2051-01-01T00:00:00Z'))).toBe(9131 * DAY);
  });

  it('reaches across four years of holidays', () => {
    // Open all of 2026 (365 days), closed 2027–2030, then open: 7 × 365 days of target leave 2,190
    // days after 1 Jan 2031 — six years with two leap days (2032, 2036) are 2,192, so 30 Dec 2036.
    const closedYears: Calendar = { timeZone: 'UTC', hours: allWeek, holidays: everyDay('2027-01-01', '2030-12-31') };
    expect(addBusinessMs(closedYears, at('2026-01-01T00:00:00Z'), 7 * 365 * DAY)).toEqual(at('2036-12-30T00:00:00Z'));
    // Closed from 1 Dec 2026 to 31 Dec 2030: one hour from Tuesday 1 Dec 10:00 is Wednesday 1 Jan 2031, 10:00.
    const closed: Calendar = { ...utcOffice, holidays: everyDay('2026-12-01', '2030-12-31') };
    expect(addBusinessMinutes(closed, at('2026-12-01T10:00:00Z'), 60)).toEqual(at('2031-01-01T10:00:00Z'));
  });

  it('has no due time when every day for ten years is a holiday', () => {
    const closed: Calendar = { ...utcOffice, holidays: everyDay('2026-12-01', '2037-12-31') };
    expect(addBusinessMinutes(closed, at('2026-12-01T10:00:00Z'), 60)).toBeNull();
    expect(businessMsBetween(closed, at('2026-12-01T10:00:00Z'), at('2027-12-01T10:00:00Z'))).toBe(0);
  });

  it('has no due time in an unknown zone', () => {
    expect(addBusinessMinutes({ ...utcOffice, timeZone: 'Mars/Olympus' }, at('2026-12-01T10:00:00Z'), 60)).toBeNull();
  });
});
