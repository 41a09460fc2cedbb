import { describe, expect, it } from 'vitest';
import { ownersOverTime, stagePieces } from './stage-attribution';

const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);
const ev = (type: string, hhmm: string, fromValue: string | null, toValue: string | null, data: unknown = null) => ({
  type,
  fromValue,
  toValue,
  data,
  createdAt: at(hhmm),
});
const team = (hhmm: string, from: string | null, to: string | null) =>
  ev('assigned', hhmm, from, to, { field: 'team' });

describe('which team and category a request had during each stay', () => {
  it('cuts a stay at a team change mid-stay: each team gets the time it held the request', () => {
    const pieces = stagePieces(
      at('09:00'),
      [
        ev('opened', '09:30', 'inquiry', 'identification'),
        team('11:00', 'support', 'billing'), // mid identification
        ev('identified', '12:00', 'identification', 'resolution', { categoryId: 'invoices', fromCategoryId: null }),
      ],
      { teamId: 'billing', categoryId: 'invoices' },
    );
    expect(
      pieces.map((p) => [p.stage, p.teamId, p.categoryId, p.startedAt, p.endedAt, p.stayStartedAt, p.lastOfStay]),
    ).toEqual([
      ['inquiry', 'support', null, at('09:00'), at('09:30'), at('09:00'), true],
      ['identification', 'support', null, at('09:30'), at('11:00'), at('09:30'), false],
      ['identification', 'billing', null, at('11:00'), at('12:00'), at('09:30'), true],
      // Identification set the category at 12:00, as resolution began: resolution is the new category's.
      ['resolution', 'billing', 'invoices', at('12:00'), null, at('12:00'), true],
    ]);
  });

  it('attributes to the owner then, not now: a request moved after its stay keeps the stay at the old team', () => {
    const pieces = stagePieces(
      at('09:00'),
      [
        ev('identified', '10:00', 'inquiry', 'resolution', { categoryId: 'hardware', fromCategoryId: 'other' }),
        ev('resolved', '12:00', 'resolution', 'follow_up'),
        team('13:00', 'desk', 'field'),
        ev('rule_applied', '13:00', 'hardware', 'printers', { action: 'category' }),
      ],
      { teamId: 'field', categoryId: 'printers' },
    );
    expect(pieces.map((p) => [p.stage, p.teamId, p.categoryId, p.endedAt])).toEqual([
      ['inquiry', 'desk', 'other', at('10:00')],
      ['resolution', 'desk', 'hardware', at('12:00')],
      ['follow_up', 'desk', 'hardware', at('13:00')],
      ['follow_up', 'field', 'printers', null],
    ]);
  });

  it('counts an escalation as a team change: the hours before it stay with the team that had them', () => {
    const pieces = stagePieces(
      at('01:00'),
      [
        ev('identified', '02:00', 'inquiry', 'resolution', { categoryId: 'network', fromCategoryId: null }),
        ev('escalated', '06:00', 'tier1', 'tier2', { reason: 'SLA breached', team: 'Tier 2' }),
        ev('resolved', '07:00', 'resolution', 'follow_up'),
      ],
      { teamId: 'tier2', categoryId: 'network' },
    );
    expect(pieces.map((p) => [p.stage, p.teamId, p.startedAt, p.endedAt])).toEqual([
      ['inquiry', 'tier1', at('01:00'), at('02:00')],
      ['resolution', 'tier1', at('02:00'), at('06:00')],
      ['resolution', 'tier2', at('06:00'), at('07:00')],
      ['follow_up', 'tier2', at('07:00'), null],
    ]);
  });

  it('reads category changes from bulk edits and macros (an identified event whose from/to are category ids)', () => {
    const pieces = stagePieces(at('09:00'), [ev('identified', '09:20', 'old-cat', 'new-cat', { bulk: true })], {
      teamId: null,
      categoryId: 'new-cat',
    });
    expect(pieces.map((p) => [p.stage, p.categoryId, p.startedAt, p.endedAt])).toEqual([
      ['inquiry', 'old-cat', at('09:00'), at('09:20')],
      ['inquiry', 'new-cat', at('09:20'), null],
    ]);
  });

  it('an open stay is one open piece at the owner it has now; a change and its undo at once cut nothing', () => {
    const pieces = stagePieces(
      at('09:00'),
      [team('09:10', null, 'a'), team('09:10', 'a', null), ev('assigned', '09:15', null, 'user-1')],
      { teamId: null, categoryId: null },
    );
    expect(pieces).toEqual([
      {
        stage: 'inquiry',
        startedAt: at('09:00'),
        endedAt: null,
        stayStartedAt: at('09:00'),
        lastOfStay: true,
        teamId: null,
        categoryId: null,
      },
    ]);
  });

  it('keeps the value after an identification that names its category only by name (events before the ids)', () => {
    const { initial, after } = ownersOverTime({ teamId: 't', categoryId: 'now' }, [
      { field: 'categoryId', from: undefined, at: at('10:00') },
      { field: 'teamId', from: 'before', at: at('11:00') },
    ]);
    expect(initial).toEqual({ teamId: 'before', categoryId: 'now' });
    expect(after.map((a) => a.owner)).toEqual([
      { teamId: 'before', categoryId: 'now' },
      { teamId: 't', categoryId: 'now' },
    ]);
  });
});
