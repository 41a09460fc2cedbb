import { describe, expect, it } from 'vitest';
import { parseVersionTag } from './handler';
import { effectiveScope, maxScopeFor, scopeAllows } from './scopes';

describe('token scopes', () => {
  it('never exceed the owner role; customers hold none', () => {
    expect(maxScopeFor('admin')).toBe('admin');
    expect(maxScopeFor('lead')).toBe('write');
    expect(maxScopeFor('customer')).toBeNull();
    expect(effectiveScope('admin', 'agent')).toBe('write');
    expect(effectiveScope('read', 'admin')).toBe('read');
    expect(effectiveScope('write', 'customer')).toBeNull();
  });

  it('read < write < admin', () => {
    expect(scopeAllows('write', 'read')).toBe(true);
    expect(scopeAllows('read', 'write')).toBe(false);
    expect(scopeAllows('admin', 'write')).toBe(true);
  });
});

describe('If-Match', () => {
  it('reads our ETags, weak or strong, and nothing else', () => {
    expect(parseVersionTag('"12"')).toBe(12);
    expect(parseVersionTag('W/"3"')).toBe(3);
    expect(parseVersionTag('7')).toBe(7);
    expect(parseVersionTag('*')).toBeNull();
    expect(parseVersionTag('"abc"')).toBeNull();
    expect(parseVersionTag(null)).toBeNull();
  });
});
