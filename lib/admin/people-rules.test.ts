import { describe, expect, it } from 'vitest';
import { auditChanges, formatAuditValue } from './audit-format';
import { invitationState, LAST_ADMIN, lastAdminRefusal } from './people-rules';

const admin = { id: 'a', role: 'admin' as const, active: true };

describe('the last-admin rule', () => {
  it('refuses to demote or deactivate the only active admin', () => {
    expect(lastAdminRefusal(['a'], admin, { role: 'lead' })).toBe(LAST_ADMIN);
    expect(lastAdminRefusal(['a'], admin, { active: false })).toBe(LAST_ADMIN);
    expect(lastAdminRefusal([], admin, { role: 'agent' })).toBe(LAST_ADMIN);
  });
  it('lets it happen when another active admin remains', () => {
    expect(lastAdminRefusal(['a', 'b'], admin, { role: 'lead' })).toBeNull();
    expect(lastAdminRefusal(['a', 'b'], admin, { active: false })).toBeNull();
  });
  it('does not concern changes that keep an admin, or people who are not active admins', () => {
    expect(lastAdminRefusal(['a'], admin, { role: 'admin' })).toBeNull();
    expect(lastAdminRefusal(['a'], admin, { active: true })).toBeNull();
    expect(lastAdminRefusal(['a'], { id: 'x', role: 'agent', active: true }, { active: false })).toBeNull();
    expect(lastAdminRefusal([], { id: 'x', role: 'admin', active: false }, { role: 'agent' })).toBeNull();
  });
});

describe('invitation state', () => {
  it('is pending until it expires', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(invitationState(new Date('2026-01-02T00:00:00Z'), now)).toBe('pending');
    expect(invitationState(now, now)).toBe('expired');
  });
});

describe('audit entries as text', () => {
  it('reads each field as old → new', () => {
    expect(auditChanges({ role: 'agent' }, { role: 'lead' })).toEqual([{ field: 'role', from: 'agent', to: 'lead' }]);
    expect(auditChanges(null, { email: 'a@b', teams: ['Billing', 'Returns'] })).toEqual([
      { field: 'e-mail', from: null, to: 'a@b' },
      { field: 'teams', from: null, to: 'Billing, Returns' },
    ]);
    expect(auditChanges({ active: true }, { active: false })).toEqual([{ field: 'active', from: 'yes', to: 'no' }]);
    expect(auditChanges({ gone: 1 }, null)).toEqual([{ field: 'gone', from: '1', to: null }]);
  });
  it('formats values plainly', () => {
    expect(formatAuditValue(null)).toBe('—');
    expect(formatAuditValue('')).toBe('—');
    expect(formatAuditValue([])).toBe('(none)');
    expect(formatAuditValue({ a: 1 })).toBe('{"a":1}');
    expect(formatAuditValue(7)).toBe('7');
  });
});
