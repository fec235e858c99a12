import { describe, expect, it } from 'vitest';
import { LRS_CLIENT_EVENTS } from './lrs-client.events.js';
import { RegisterLrsClient } from './register-lrs-client/register-lrs-client.command.js';
import { decideRegisterLrsClient } from './register-lrs-client/register-lrs-client.decider.js';
import { RevokeLrsClient } from './revoke-lrs-client/revoke-lrs-client.command.js';
import { decideRevokeLrsClient, type RevocableClient } from './revoke-lrs-client/revoke-lrs-client.decider.js';

const id = '6d1f4a40-0d5e-4b8a-9a57-6f8a1c2b3d4e';
const active: RevocableClient = { key: 'k1', organisationId: 'org-a', revoked: false };

describe('LRS client deciders', () => {
  it('given a checked body, when a client is registered, then the event names it, its key, organisation and scopes', () => {
    const command = new RegisterLrsClient({ name: 'Moodle', organisationId: 'org-a', scopes: ['statements/write'] });
    expect(decideRegisterLrsClient(command, { clientId: id, key: 'k1' })).toEqual({
      type: LRS_CLIENT_EVENTS.registered,
      version: 1,
      data: { clientId: id, key: 'k1', name: 'Moodle', organisationId: 'org-a', scopes: ['statements/write'] },
    });
  });

  it('given an active client, when it is revoked, then it is revoked with an event of its organisation', () => {
    expect(decideRevokeLrsClient(new RevokeLrsClient(id), active)).toEqual({
      result: 'revoked',
      events: [
        { type: LRS_CLIENT_EVENTS.revoked, version: 1, data: { clientId: id, key: 'k1', organisationId: 'org-a' } },
      ],
    });
  });

  it('given a revoked client, when it is revoked again, then nothing changes and nothing is recorded', () => {
    expect(decideRevokeLrsClient(new RevokeLrsClient(id), { ...active, revoked: true })).toEqual({
      result: 'already-revoked',
      events: [],
    });
  });

  it('given no such client, when it is revoked, then it is not found', () => {
    expect(decideRevokeLrsClient(new RevokeLrsClient(id), undefined)).toEqual({ result: 'not-found', events: [] });
  });

  it("given a client of organisation A, when B's route revokes it, then it is not found, as an unknown id is", () => {
    expect(decideRevokeLrsClient(new RevokeLrsClient(id, 'lead-b', 'org-b'), active)).toEqual({
      result: 'not-found',
      events: [],
    });
    expect(decideRevokeLrsClient(new RevokeLrsClient(id, 'lead-a', 'org-a'), active).result).toBe('revoked');
  });
});
