import { describe, expect, it } from 'vitest';
import { parseNewLrsClient } from './lrs-client-input.js';

describe('parseNewLrsClient', () => {
  it('fills the default organisation and the spec default scopes', () => {
    expect(parseNewLrsClient({ name: ' Moodle ' })).toEqual({
      client: { name: 'Moodle', organisationId: 'default', scopes: ['statements/write', 'statements/read/mine'] },
      problems: [],
    });
  });

  it('keeps the given organisation and scopes', () => {
    expect(parseNewLrsClient({ name: 'A', organisationId: 'org-a', scopes: ['state', 'all/read'] }).client).toEqual({
      name: 'A',
      organisationId: 'org-a',
      scopes: ['state', 'all/read'],
    });
  });

  it('names the property and the rule of each problem', () => {
    expect(parseNewLrsClient(null).problems).toEqual([
      'the body must be a JSON object { name, organisationId?, scopes? }',
    ]);
    expect(parseNewLrsClient({}).problems).toEqual(['name is required']);
    expect(parseNewLrsClient({ name: 3 }).problems).toEqual(['name must be a string']);
    expect(parseNewLrsClient({ name: '  ' }).problems).toEqual(['name must not be blank']);
    expect(parseNewLrsClient({ name: 'x'.repeat(201) }).problems).toEqual(['name must be at most 200 characters']);
    expect(parseNewLrsClient({ name: 'a', organisationId: 'has space' }).problems[0]).toMatch(
      /^organisationId must be/,
    );
    expect(parseNewLrsClient({ name: 'a', scopes: 'all' }).problems).toEqual([
      'scopes must be an array of scope names',
    ]);
    expect(parseNewLrsClient({ name: 'a', scopes: [] }).problems[0]).toMatch(/^scopes must not be empty/);
    expect(parseNewLrsClient({ name: 'a', scopes: ['all', 'all'] }).problems).toEqual([
      'scopes must not repeat a scope',
    ]);
  });

  it('rejects unknown scopes listing the allowed ones', () => {
    const [problem] = parseNewLrsClient({ name: 'a', scopes: ['statements/write', 'admin'] }).problems;
    expect(problem).toBe(
      'scopes contains unknown scope "admin"; allowed: statements/write, statements/read, statements/read/mine, state, profile, define, all/read, all',
    );
  });
});
