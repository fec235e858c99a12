import { describe, expect, it } from 'vitest';
import {
  clientAuthority,
  hasAnyScope,
  hasScope,
  LRS_SCOPES,
  readsOnlyOwnStatements,
  type LrsPrincipal,
  type LrsScope,
} from './lrs-principal.js';

const principal = (...scopes: LrsScope[]): LrsPrincipal => ({
  clientId: '00000000-0000-4000-8000-000000000000',
  key: 'k',
  name: 'n',
  organisationId: 'default',
  scopes,
  authority: clientAuthority({ name: 'n', key: 'k' }),
});

describe('hasScope', () => {
  it('all covers every scope', () => {
    for (const scope of LRS_SCOPES) expect(hasScope(principal('all'), scope)).toBe(true);
  });

  it('all/read covers the read scopes but not writing or documents', () => {
    const p = principal('all/read');
    expect(hasScope(p, 'statements/read')).toBe(true);
    expect(hasScope(p, 'statements/read/mine')).toBe(true);
    expect(hasScope(p, 'all/read')).toBe(true);
    expect(hasScope(p, 'statements/write')).toBe(false);
    expect(hasScope(p, 'state')).toBe(false);
    expect(hasScope(p, 'all')).toBe(false);
  });

  it('statements/read covers statements/read/mine, not the other way', () => {
    expect(hasScope(principal('statements/read'), 'statements/read/mine')).toBe(true);
    expect(hasScope(principal('statements/read/mine'), 'statements/read')).toBe(false);
  });

  it('the other scopes cover only themselves', () => {
    for (const scope of ['statements/write', 'state', 'profile', 'define'] as LrsScope[]) {
      const p = principal(scope);
      for (const other of LRS_SCOPES) expect(hasScope(p, other)).toBe(other === scope);
    }
  });

  it('hasAnyScope needs one of the list', () => {
    expect(hasAnyScope(principal('all/read'), ['state', 'all/read'])).toBe(true);
    expect(hasAnyScope(principal('profile'), ['state', 'all/read'])).toBe(false);
  });
});

describe('readsOnlyOwnStatements', () => {
  it('is true only when read/mine is the widest read scope', () => {
    expect(readsOnlyOwnStatements(principal('statements/write', 'statements/read/mine'))).toBe(true);
    expect(readsOnlyOwnStatements(principal('statements/read/mine', 'statements/read'))).toBe(false);
    expect(readsOnlyOwnStatements(principal('all/read'))).toBe(false);
    expect(readsOnlyOwnStatements(principal('all'))).toBe(false);
    expect(readsOnlyOwnStatements(principal('statements/write'))).toBe(false);
  });
});

describe('clientAuthority', () => {
  it('is an Agent identified by an account on the client key', () => {
    expect(clientAuthority({ name: 'Moodle', key: 'abc' })).toEqual({
      objectType: 'Agent',
      name: 'Moodle',
      account: { homePage: 'urn:continuum:lrs-client', name: 'abc' },
    });
  });
});
