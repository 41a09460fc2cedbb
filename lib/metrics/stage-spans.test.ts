import { describe, expect, it } from 'vitest';
import { stageSpans, type StageEvent } from './stage-spans';

const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);
const ev = (type: string, hhmm: string, toValue: string | null = null, data: unknown = null): StageEvent => ({
  type,
  toValue,
  data,
  createdAt: at(hhmm),
});

describe('stage spans from events', () => {
  it('walks the whole pipeline: inquiry → identification → resolution → follow-up, ended by closing', () => {
    const spans = stageSpans(at('09:00'), [
      ev('created', '09:00', 'web'),
      ev('acknowledged', '09:00'),
      ev('opened', '09:30', 'identification'),
      ev('status_changed', '09:30', 'open', { stage: 'identification' }),
      ev('identified', '10:00', 'resolution'),
      ev('replied', '10:15'),
      ev('resolved', '12:00', 'follow_up'),
      ev('status_changed', '12:00', 'resolved', { stage: 'follow_up' }),
      ev('status_changed', '15:00', 'closed', { stage: 'follow_up' }),
    ]);
    expect(spans).toEqual([
      { stage: 'inquiry', startedAt: at('09:00'), endedAt: at('09:30') },
      { stage: 'identification', startedAt: at('09:30'), endedAt: at('10:00') },
      { stage: 'resolution', startedAt: at('10:00'), endedAt: at('12:00') },
      { stage: 'follow_up', startedAt: at('12:00'), endedAt: at('15:00') },
    ]);
  });

  it('a reopened request gets a second resolution span, time never counted twice', () => {
    const spans = stageSpans(at('09:00'), [
      ev('identified', '09:10', 'resolution'),
      ev('resolved', '10:00', 'follow_up'),
      ev('reopened', '11:00', 'resolution'),
      ev('status_changed', '11:00', 'open', { stage: 'resolution' }),
      ev('resolved', '11:30', 'follow_up'),
    ]);
    expect(spans.map((s) => [s.stage, s.startedAt, s.endedAt])).toEqual([
      ['inquiry', at('09:00'), at('09:10')],
      ['resolution', at('09:10'), at('10:00')],
      ['follow_up', at('10:00'), at('11:00')],
      ['resolution', at('11:00'), at('11:30')],
      ['follow_up', at('11:30'), null],
    ]);
  });

  it('status changes within a stage (pending, on hold) and other events move nothing', () => {
    const spans = stageSpans(at('09:00'), [
      ev('status_changed', '09:05', 'pending', { stage: 'inquiry' }),
      ev('noted', '09:06'),
      ev('status_changed', '09:10', 'open', { stage: 'inquiry' }),
      ev('identified', '09:20', 'resolution'),
      ev('identified', '09:25', 'resolution'),
    ]);
    expect(spans).toEqual([
      { stage: 'inquiry', startedAt: at('09:00'), endedAt: at('09:20') },
      { stage: 'resolution', startedAt: at('09:20'), endedAt: null },
    ]);
  });

  it('a request cancelled or merged while in inquiry ends its inquiry span at closing', () => {
    expect(
      stageSpans(at('09:00'), [
        ev('cancelled', '09:40'),
        ev('status_changed', '09:40', 'closed', { stage: 'follow_up' }),
      ]),
    ).toEqual([{ stage: 'inquiry', startedAt: at('09:00'), endedAt: at('09:40') }]);
  });

  it('ignores stage values it does not know (a hand-edited event) rather than inventing a stage', () => {
    expect(
      stageSpans(at('09:00'), [ev('opened', '09:30', 'nowhere'), ev('status_changed', '09:31', 'open', { stage: 42 })]),
    ).toEqual([{ stage: 'inquiry', startedAt: at('09:00'), endedAt: null }]);
  });
});
