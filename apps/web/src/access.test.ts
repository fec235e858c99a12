import { describe, expect, it } from 'vitest';
import { mustNameTrendsOrganisation, reachOf, trendsOrganisation } from './access';
import type { AccessRole } from './api/types';

const reach = (...roles: AccessRole[]) => reachOf({ id: 'u', email: 'u@example.org', displayName: 'U', roles });

describe('whose trend figures the API answers, as the app names them', () => {
  it('national for a national evaluator and a platform admin, unless they name an organisation', () => {
    for (const who of [reach({ kind: 'evaluator' }), reach({ kind: 'platform-admin' })]) {
      expect(trendsOrganisation(who, undefined)).toBeUndefined();
      expect(trendsOrganisation(who, 'org-a')).toBe('org-a');
      expect(mustNameTrendsOrganisation(who)).toBe(false);
    }
  });

  it("an organisation's evaluator reads their organisation's figures, never national ones", () => {
    const evaluator = reach({ kind: 'evaluator', organisationId: 'org-a' });
    expect(trendsOrganisation(evaluator, undefined)).toBe('org-a');
    expect(mustNameTrendsOrganisation(evaluator)).toBe(false);
  });

  it('a reader of several organisations (led or evaluated) must name one', () => {
    const both = reach(
      { kind: 'evaluator', organisationId: 'org-a' },
      { kind: 'learning-lead', organisationId: 'org-b' },
    );
    expect(mustNameTrendsOrganisation(both)).toBe(true);
    expect(mustNameTrendsOrganisation(reach({ kind: 'learning-lead', organisationId: 'org-b' }))).toBe(false);
    expect(trendsOrganisation(reach({ kind: 'learning-lead', organisationId: 'org-b' }), undefined)).toBe('org-b');
  });
});
