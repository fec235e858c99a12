import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from './worker.events.js';
import { workerIdFor } from '../domain/identifiers.js';
import type { JobRoleState } from '../roles/job-role.js';
import { decideAddIdentifier } from './add-identifier/add-identifier.decider.js';
import { parseAddIdentifier } from './add-identifier/add-identifier.command.js';
import { decideAssignRole } from './assign-role/assign-role.decider.js';
import { decideHandOver } from './identifier-claims.js';
import { decideEndRoleAssignment } from './end-role-assignment/end-role-assignment.decider.js';
import {
  decideAcceptInvitation,
  decideDeclineInvitation,
  decideJoinOrganisation,
} from './join-organisation/join-organisation.decider.js';
import { decideShareRecord, decideWithdrawShare } from './share-record/share-record.decider.js';
import { parseShareRecord } from './share-record/share-record.command.js';
import { decideLeaveOrganisation } from './leave-organisation/leave-organisation.decider.js';
import { decideRegisterWorker } from './register-worker/register-worker.decider.js';
import { parseRegisterWorker } from './register-worker/register-worker.command.js';
import { evolveWorker, initialWorker, type WorkerState } from './worker.js';

const given = (...events: WorkerEvent[]): WorkerState => events.reduce(evolveWorker, initialWorker());
const mary = parseRegisterWorker({
  name: 'Mary',
  identifiers: [{ mbox: 'mailto:mary@care.example.org' }],
  organisationId: 'oak-house',
  joinedOn: '2006-04-01',
});
const registered = decideRegisterWorker(mary, initialWorker(), new Map(), '2026-01-01', 'any');
const supportWorker: JobRoleState = {
  status: 'defined',
  roleId: 'support-worker',
  organisationId: 'oak-house',
  name: 'Support worker',
  requirements: [{ capabilityId: 'pc.flexibility', stage: 'engaged' }],
  qualifications: [],
  training: [],
};

describe('register a worker', () => {
  it('derives the id from the first identifier, so a worker first seen in statements keeps their id', () => {
    expect(mary.workerId).toBe(workerIdFor('mbox:mailto:mary@care.example.org'));
    expect(registered.map((e) => e.type)).toEqual([EV.workerRegistered, EV.workerJoinedOrganisation]);
    expect(registered[1]!.data).toMatchObject({ organisationId: 'oak-house', from: '2006-04-01' });
  });

  it('refuses input that breaks a rule, naming the field', () => {
    expect(() => parseRegisterWorker({ identifiers: [] })).toThrow(/identifiers: must be a non-empty array/);
    expect(() => parseRegisterWorker({ identifiers: [{ mbox: 'mary@example.org' }] })).toThrow(
      /identifiers\[0\]\.mbox/,
    );
    expect(() =>
      parseRegisterWorker({ identifiers: [{ mbox: 'mailto:a@example.org', openid: 'http://a.example.org' }] }),
    ).toThrow(/^identifiers\[0\]: an Agent must not have more than one inverse functional identifier/);
    expect(() =>
      parseRegisterWorker({ identifiers: [{ mbox: 'mailto:a@example.org' }], joinedOn: '2026-02-30' }),
    ).toThrow(/joinedOn: must be a calendar date/);
  });

  it('refuses a second registration and an identifier held by another worker', () => {
    expect(() => decideRegisterWorker(mary, given(...registered), new Map(), '2026-01-01', 'any')).toThrow(
      ConflictError,
    );
    const owners = new Map([['mbox:mailto:mary@care.example.org', 'someone-else']]);
    expect(() => decideRegisterWorker(mary, initialWorker(), owners, '2026-01-01', 'any')).toThrow(
      /identifiers\[0\]: already identifies worker "someone-else" \(mbox:mailto:mary@care\.example\.org\)/,
    );
  });

  it('completes a worker the evidence reactor registered from statements, joining only organisations not yet joined', () => {
    const seen = given(
      { type: EV.workerRegistered, data: { workerId: mary.workerId, identifiers: mary.identifiers, via: 'statement' } },
      {
        type: EV.workerJoinedOrganisation,
        data: { workerId: mary.workerId, organisationId: 'oak-house', from: '2025-01-01' },
      },
    );
    const events = decideRegisterWorker(mary, seen, new Map(), '2026-01-01', 'any');
    expect(events.map((e) => e.type)).toEqual([EV.workerRegistered]);
    const completed = given(
      { type: EV.workerRegistered, data: { workerId: mary.workerId, identifiers: mary.identifiers, via: 'statement' } },
      {
        type: EV.workerJoinedOrganisation,
        data: { workerId: mary.workerId, organisationId: 'oak-house', from: '2025-01-01' },
      },
      ...events,
    );
    expect(completed).toMatchObject({
      status: 'registered',
      via: 'api',
      memberships: [{ organisationId: 'oak-house', from: '2025-01-01' }],
    });
    expect(() => decideRegisterWorker(mary, completed, new Map(), '2026-01-01', 'any')).toThrow(
      /identifiers\[0\]: the worker with this identifier/,
    );
  });
});

describe('identifier hand-over', () => {
  const ann = { ifi: 'mbox:mailto:ann@example.org', agent: { mbox: 'mailto:ann@example.org' } };
  const seenOnly = given({
    type: EV.workerRegistered,
    data: { workerId: 'seen', identifiers: [ann], via: 'statement' },
  });

  it('a worker known only from statements hands its one identifier over and merges into the registered worker', () => {
    expect(decideHandOver(seenOnly, ann, 'registered', 'any')).toEqual([
      { type: EV.workerMerged, data: { workerId: 'seen', intoWorkerId: 'registered', identifier: ann } },
    ]);
    expect(
      given(
        { type: EV.workerRegistered, data: { workerId: 'seen', identifiers: [ann], via: 'statement' } },
        ...decideHandOver(seenOnly, ann, 'registered', 'any')!,
      ),
    ).toEqual({
      status: 'merged',
      workerId: 'seen',
      intoWorkerId: 'registered',
    });
  });

  it('a worker registered through /api, or with other identifiers, keeps it', () => {
    expect(
      decideHandOver(
        given({ type: EV.workerRegistered, data: { workerId: 'api', identifiers: [ann] } }),
        ann,
        'registered',
        'any',
      ),
    ).toBeUndefined();
    const two = given(
      { type: EV.workerRegistered, data: { workerId: 'seen', identifiers: [ann], via: 'statement' } },
      {
        type: EV.workerIdentifierAdded,
        data: {
          workerId: 'seen',
          identifier: { ifi: 'mbox:mailto:ann2@example.org', agent: { mbox: 'mailto:ann2@example.org' } },
        },
      },
    );
    expect(decideHandOver(two, ann, 'registered', 'any')).toBeUndefined();
    expect(decideHandOver(initialWorker(), ann, 'registered', 'any')).toBeUndefined();
  });
});

describe('identifiers, memberships and roles', () => {
  const state = given(...registered);

  it('adds an identifier once', () => {
    const add = parseAddIdentifier(mary.workerId, {
      identifier: { account: { homePage: 'https://lms.example.org', name: 'mary' } },
    });
    const events = decideAddIdentifier(add, state, undefined);
    expect(events[0]!.data).toMatchObject({ identifier: { ifi: 'account:https://lms.example.org mary' } });
    expect(() => decideAddIdentifier(add, given(...registered, ...events), undefined)).toThrow(
      /already identifies this worker/,
    );
    expect(() => decideAddIdentifier(add, state, 'other-worker')).toThrow(
      /^identifier: already identifies worker "other-worker" \(account:https:\/\/lms\.example\.org mary\)/,
    );
  });

  it('joins an organisation once, and only a registered one', () => {
    expect(() =>
      decideJoinOrganisation({ workerId: mary.workerId, organisationId: 'oak-house' }, state, true, '2026-01-01', {
        reach: 'any',
        userId: 'admin',
      }),
    ).toThrow(/already a member/);
    expect(() =>
      decideJoinOrganisation({ workerId: mary.workerId, organisationId: 'elm' }, state, false, '2026-01-01', {
        reach: 'any',
        userId: 'admin',
      }),
    ).toThrow(NotFoundError);
    expect(
      decideJoinOrganisation({ workerId: mary.workerId, organisationId: 'elm' }, state, true, '2026-01-01', {
        reach: 'any',
        userId: 'admin',
      })[0]!.data,
    ).toMatchObject({ from: '2026-01-01' });
  });

  it('rejoins only from the day the last membership there ended, never over it (one place at a time)', () => {
    const admin = { reach: 'any' as const, userId: 'admin' };
    const left = given(
      ...registered,
      ...decideLeaveOrganisation(
        { workerId: mary.workerId, organisationId: 'oak-house', to: '2024-06-30' },
        state,
        'x',
      ),
    );
    const rejoin = (from: string) =>
      decideJoinOrganisation(
        { workerId: mary.workerId, organisationId: 'oak-house', from },
        left,
        true,
        '2026-01-01',
        admin,
      );
    expect(() => rejoin('2024-06-29')).toThrow(
      /^from: must not be before the worker's last membership here ended \(2024-06-30\)/,
    );
    expect(() => rejoin('2006-04-01')).toThrow(InvalidInputError);
    expect(rejoin('2024-06-30')[0]!.data).toMatchObject({ organisationId: 'oak-house', from: '2024-06-30' });
    // Another organisation's dates do not matter: a worker may have two employers.
    expect(
      decideJoinOrganisation(
        { workerId: mary.workerId, organisationId: 'elm', from: '2020-01-01' },
        left,
        true,
        'x',
        admin,
      )[0]!.data,
    ).toMatchObject({ organisationId: 'elm', from: '2020-01-01' });
  });

  it('answers a lead about a merged worker as about an unknown one; a platform admin learns whom they became', () => {
    const merged = given(...registered, {
      type: EV.workerMerged,
      data: { workerId: mary.workerId, intoWorkerId: 'kept', identifier: mary.identifiers[0]! },
    } as WorkerEvent);
    const join = (reach: 'any' | readonly string[]) =>
      decideJoinOrganisation({ workerId: mary.workerId, organisationId: 'elm' }, merged, true, '2026-01-01', {
        reach,
        userId: 'u',
      });
    expect(() => join(['elm'])).toThrow(new RegExp(`^workerId: no worker "${mary.workerId}" is registered$`));
    expect(() => join('any')).toThrow(/was merged into worker "kept"/);
  });

  it('assigns a role of an organisation the worker belongs to, ending the previous role there', () => {
    const assigned = decideAssignRole(
      { workerId: mary.workerId, roleId: 'support-worker', from: '2020-01-01' },
      state,
      supportWorker,
      '2026-01-01',
    );
    expect(assigned.map((e) => e.type)).toEqual([EV.roleAssigned]);
    const senior: JobRoleState = { ...supportWorker, roleId: 'senior' };
    const promoted = decideAssignRole(
      { workerId: mary.workerId, roleId: 'senior', from: '2025-06-01' },
      given(...registered, ...assigned),
      senior,
      '2026-01-01',
    );
    expect(promoted.map((e) => [e.type, e.data])).toEqual([
      [EV.roleAssignmentEnded, { workerId: mary.workerId, roleId: 'support-worker', to: '2025-06-01' }],
      [EV.roleAssigned, { workerId: mary.workerId, roleId: 'senior', organisationId: 'oak-house', from: '2025-06-01' }],
    ]);
    expect(() =>
      decideAssignRole(
        { workerId: mary.workerId, roleId: 'support-worker' },
        given(...registered, ...assigned),
        supportWorker,
        '2026-01-01',
      ),
    ).toThrow(/already holds this role/);
    expect(() =>
      decideAssignRole(
        { workerId: mary.workerId, roleId: 'x', from: '2000-01-01' },
        state,
        supportWorker,
        '2026-01-01',
      ),
    ).toThrow(/from: must not be before the worker joined/);
    expect(() =>
      decideAssignRole(
        { workerId: mary.workerId, roleId: 'x' },
        state,
        { ...supportWorker, organisationId: 'elm' },
        '2026-01-01',
      ),
    ).toThrow(/not a current member/);
  });

  it('leaving an organisation ends the roles held there', () => {
    const assigned = decideAssignRole(
      { workerId: mary.workerId, roleId: 'support-worker', from: '2020-01-01' },
      state,
      supportWorker,
      '2026-01-01',
    );
    const left = decideLeaveOrganisation(
      { workerId: mary.workerId, organisationId: 'oak-house', to: '2026-03-31' },
      given(...registered, ...assigned),
      '2026-03-31',
    );
    expect(left.map((e) => e.type)).toEqual([EV.roleAssignmentEnded, EV.workerLeftOrganisation]);
    // Never ahead of its day: until a leave is recorded the worker is a member for every rule and list.
    expect(() =>
      decideLeaveOrganisation(
        { workerId: mary.workerId, organisationId: 'oak-house', to: '2026-04-01' },
        given(...registered, ...assigned),
        '2026-03-31',
      ),
    ).toThrow(/^to: must not be after today \(2026-03-31\)/);
    expect(() =>
      decideEndRoleAssignment(
        { workerId: mary.workerId, roleId: 'support-worker' },
        given(...registered, ...assigned, ...left),
        '2026-04-01',
      ),
    ).toThrow(/does not currently hold/);
  });

  it('refuses commands on a worker who is not registered', () => {
    expect(() =>
      decideJoinOrganisation({ workerId: 'nobody', organisationId: 'oak-house' }, initialWorker(), true, '2026-01-01', {
        reach: 'any',
        userId: 'admin',
      }),
    ).toThrow(/workerId: no worker "nobody"/);
  });
});

describe('joining an organisation: a worker known elsewhere is invited', () => {
  const member = given(...registered);
  const lead = { reach: ['elm'] as const, userId: 'lead-of-elm' };

  it('invites a worker another organisation knows, and joins them only when they accept', () => {
    const [invited] = decideJoinOrganisation(
      { workerId: mary.workerId, organisationId: 'elm', from: '2026-02-01' },
      member,
      true,
      '2026-01-01',
      lead,
    );
    expect(invited).toEqual({
      type: EV.workerInvited,
      data: { workerId: mary.workerId, organisationId: 'elm', from: '2026-02-01', invitedBy: 'lead-of-elm' },
    });
    const pending = given(...registered, invited!);
    expect(pending.status === 'registered' && pending.memberships.map((m) => m.organisationId)).toEqual(['oak-house']);
    expect(decideAcceptInvitation(mary.workerId, 'elm', pending)).toEqual([
      {
        type: EV.workerJoinedOrganisation,
        data: { workerId: mary.workerId, organisationId: 'elm', from: '2026-02-01' },
      },
    ]);
    const joined = given(...registered, invited!, ...decideAcceptInvitation(mary.workerId, 'elm', pending));
    expect(joined.status === 'registered' && joined.invitations).toEqual([]);
  });

  it('refuses to accept an invitation never made', () => {
    expect(() => decideAcceptInvitation(mary.workerId, 'elm', member)).toThrow(NotFoundError);
  });

  it('refuses to register again, or hand over the identifier of, a worker known beyond the reach', () => {
    const seen = given(
      { type: EV.workerRegistered, data: { workerId: mary.workerId, identifiers: mary.identifiers, via: 'statement' } },
      {
        type: EV.workerJoinedOrganisation,
        data: { workerId: mary.workerId, organisationId: 'oak-house', from: '2026-01-01' },
      },
    );
    expect(() =>
      decideRegisterWorker({ ...mary, organisationId: 'elm' }, seen, new Map(), '2026-01-01', ['elm']),
    ).toThrow(/known to another organisation/);
    expect(decideHandOver(seen, mary.identifiers[0]!, 'elsewhere', ['elm'])).toBeUndefined();
    expect(decideHandOver(seen, mary.identifiers[0]!, 'elsewhere', ['oak-house'])).toHaveLength(1);
  });
});

describe('declining an invitation', () => {
  const invited = {
    type: EV.workerInvited,
    data: { workerId: mary.workerId, organisationId: 'elm', from: '2026-02-01', invitedBy: 'lead-of-elm' },
  } as const;

  it('given an invitation, when the worker declines, then it is declined and no longer pending, and accepting it is a 404', () => {
    const events = decideDeclineInvitation(mary.workerId, 'elm', given(...registered, invited), 'mary-user');
    expect(events).toEqual([
      {
        type: EV.invitationDeclined,
        data: { workerId: mary.workerId, organisationId: 'elm', declinedBy: 'mary-user' },
      },
    ]);
    const after = given(...registered, invited, ...events);
    expect(after.status === 'registered' && after.invitations).toEqual([]);
    expect(() => decideAcceptInvitation(mary.workerId, 'elm', after)).toThrow(NotFoundError);
  });

  it('refuses to decline an invitation never made (404)', () => {
    expect(() => decideDeclineInvitation(mary.workerId, 'elm', given(...registered), 'mary-user')).toThrow(
      /organisationId: no invitation/,
    );
  });
});

describe('sharing the record with an organisation', () => {
  const whole = parseShareRecord(mary.workerId, { organisationId: 'oak-house' });
  const one = parseShareRecord(mary.workerId, {
    organisationId: 'oak-house',
    evidence: { organisationId: 'elm', statementId: 'ABC' },
  });

  it('given a member, when they share the whole record or one piece of evidence, then RecordShared v1 says which', () => {
    expect(decideShareRecord(whole, given(...registered), true, 'mary-user')).toEqual([
      {
        type: EV.recordShared,
        data: {
          workerId: mary.workerId,
          withOrganisationId: 'oak-house',
          scope: { kind: 'record' },
          sharedBy: 'mary-user',
        },
      },
    ]);
    expect(decideShareRecord(one, given(...registered), true, 'mary-user')[0]!.data).toMatchObject({
      scope: { kind: 'evidence', organisationId: 'elm', statementId: 'abc' },
    });
  });

  it('refuses a share with an organisation the worker is not a member of, evidence not on the record, and a share made already', () => {
    expect(() => decideShareRecord({ ...whole, withOrganisationId: 'elm' }, given(...registered), true, 'u')).toThrow(
      ConflictError,
    );
    expect(() => decideShareRecord(one, given(...registered), false, 'u')).toThrow(/evidence\.statementId/);
    const shared = given(...registered, ...decideShareRecord(whole, given(...registered), true, 'u'));
    expect(() => decideShareRecord(whole, shared, true, 'u')).toThrow(/already shared/);
    expect(() => decideShareRecord(one, shared, true, 'u')).toThrow(/already shared/);
  });

  it('withdraws a share exactly as made; withdrawing what is not shared is a 404', () => {
    const shared = given(...registered, ...decideShareRecord(one, given(...registered), true, 'u'));
    const withdrawn = decideWithdrawShare(one, shared, 'u');
    expect(withdrawn[0]!.type).toBe(EV.recordShareWithdrawn);
    const after = given(...registered, ...decideShareRecord(one, given(...registered), true, 'u'), ...withdrawn);
    expect(after.status === 'registered' && after.shares).toEqual([]);
    expect(() => decideWithdrawShare(whole, shared, 'u')).toThrow(NotFoundError);
    expect(() => parseShareRecord(mary.workerId, { organisationId: 'oak-house', evidence: 'all' })).toThrow(
      /evidence: must be a JSON object/,
    );
  });
});
