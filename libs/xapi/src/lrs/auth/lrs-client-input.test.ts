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

  it('names the field and the rule of each problem', () => {
    expect(parseNewLrsClient(null).problems).toEqual([
      { field: 'body', rule: 'must be a JSON object { name, organisationId?, scopes? }' },
    ]);
    expect(parseNewLrsClient([], 'org-a').problems).toEqual([
      { field: 'body', rule: 'must be a JSON object { name, scopes? }' },
    ]);
    expect(parseNewLrsClient({}).problems).toEqual([{ field: 'name', rule: 'is required' }]);
    expect(parseNewLrsClient({ name: 3 }).problems).toEqual([{ field: 'name', rule: 'must be a string' }]);
    expect(parseNewLrsClient({ name: '  ' }).problems).toEqual([{ field: 'name', rule: 'must not be blank' }]);
    expect(parseNewLrsClient({ name: 'x'.repeat(201) }).problems).toEqual([
      { field: 'name', rule: 'must be at most 200 characters' },
    ]);
    expect(parseNewLrsClient({ name: 'a', organisationId: 'has space' }).problems).toEqual([
      { field: 'organisationId', rule: expect.stringMatching(/^must be 1-128 characters/) },
    ]);
    expect(parseNewLrsClient({ name: 'a', scopes: 'all' }).problems).toEqual([
      { field: 'scopes', rule: 'must be an array of scope names' },
    ]);
    expect(parseNewLrsClient({ name: 'a', scopes: [] }).problems).toEqual([
      { field: 'scopes', rule: expect.stringMatching(/^must not be empty/) },
    ]);
    expect(parseNewLrsClient({ name: 'a', scopes: ['all', 'all'] }).problems).toEqual([
      { field: 'scopes', rule: 'must not repeat a scope' },
    ]);
  });

  it('names each unknown scope by its position, listing the allowed ones', () => {
    expect(parseNewLrsClient({ name: 'a', scopes: ['statements/write', 'admin', 7] }).problems).toEqual([
      {
        field: 'scopes[1]',
        rule: 'must be one of statements/write, statements/read, statements/read/mine, state, profile, define, all/read, all (got "admin")',
      },
      { field: 'scopes[2]', rule: expect.stringMatching(/^must be one of .* \(got 7\)$/) },
    ]);
  });

  it('reports every broken field at once', () => {
    expect(parseNewLrsClient({ organisationId: '', scopes: {} }).problems.map((p) => p.field)).toEqual([
      'name',
      'organisationId',
      'scopes',
    ]);
  });
});
