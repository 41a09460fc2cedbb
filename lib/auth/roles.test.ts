import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { can, isStaffRole, LEAD_ROLES, STAFF_ROLES } from './permissions';

const actor = (role: 'customer' | 'agent' | 'lead' | 'admin') => ({ id: 'u', role, name: 'x', email: 'x' }) as never;

/** Every .ts/.tsx file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the staff roles have one owner (lib/auth/permissions.ts)', () => {
  it('are exactly the roles that work requests; leads are the staff who read the metrics', () => {
    const roles = ['customer', 'agent', 'lead', 'admin'] as const;
    expect(STAFF_ROLES).toEqual(roles.filter((r) => can(actor(r), 'ticket.work')));
    expect(LEAD_ROLES).toEqual(roles.filter((r) => can(actor(r), 'metrics.read')));
    expect(isStaffRole('customer')).toBe(false);
    expect(isStaffRole('lead')).toBe(true);
  });

  it('are spelled out nowhere else in lib/ or app/', () => {
    // lib/metrics is the dashboard's (worked on in parallel): left to its owner, see the report.
    const copies = [...sources('lib'), ...sources('app')]
      .filter((f) => !f.startsWith(join('lib', 'metrics')) && f !== join('lib', 'auth', 'permissions.ts'))
      .filter((f) =>
        /\[\s*'agent',\s*'lead',\s*'admin'\s*\]|\[\s*'lead',\s*'admin'\s*\]/.test(readFileSync(f, 'utf8')),
      );
    expect(copies).toEqual([]);
  });
});
