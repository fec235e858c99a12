import { ForbiddenException, HttpStatus } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import {
  assertCan,
  canManageOrganisation,
  canReadAggregates,
  canReadWorker,
  canWriteEvidenceFor,
  type AccessRole,
  type Viewer,
} from './viewer.js';

const mary = { workerId: 'w-mary', organisationIds: ['org-care'] };
const michael = { workerId: 'w-michael', organisationIds: ['org-care'] };
const sunita = { workerId: 'w-sunita', organisationIds: ['org-other'] };
const movedAway = { workerId: 'w-moved', organisationIds: ['org-other'] };

function viewer(...roles: AccessRole[]): Viewer {
  return { userId: 'u-1', roles };
}

const asMary = viewer({ kind: 'worker', workerId: 'w-mary' });
const asManager = viewer({ kind: 'line-manager', organisationId: 'org-care', workerIds: ['w-mary', 'w-moved'] });
const asLead = viewer({ kind: 'learning-lead', organisationId: 'org-care' });
const asNationalEvaluator = viewer({ kind: 'evaluator' });
const asOrgEvaluator = viewer({ kind: 'evaluator', organisationId: 'org-care' });
const asAdmin = viewer({ kind: 'platform-admin' });
const asNobody = viewer();

describe('canReadWorker', () => {
  it('lets a worker read only their own record', () => {
    expect(canReadWorker(asMary, mary)).toBe(true);
    expect(canReadWorker(asMary, michael)).toBe(false);
    expect(canReadWorker(asMary, sunita)).toBe(false);
  });

  it('lets a line manager read only the workers named in their team', () => {
    expect(canReadWorker(asManager, mary)).toBe(true);
    expect(canReadWorker(asManager, michael)).toBe(false);
    expect(canReadWorker(asManager, sunita)).toBe(false);
  });

  it("stops a line manager reading a named worker once the worker no longer belongs to the manager's organisation", () => {
    expect(canReadWorker(asManager, movedAway)).toBe(false);
  });

  it('lets a learning lead read every worker of their organisation and no one else', () => {
    expect(canReadWorker(asLead, mary)).toBe(true);
    expect(canReadWorker(asLead, michael)).toBe(true);
    expect(canReadWorker(asLead, sunita)).toBe(false);
  });

  it('lets a learning lead read a worker who belongs to several organisations, one of them theirs', () => {
    expect(canReadWorker(asLead, { workerId: 'w-two-jobs', organisationIds: ['org-other', 'org-care'] })).toBe(true);
  });

  it("never lets an evaluator read a person's record, national or organisational", () => {
    for (const worker of [mary, michael, sunita]) {
      expect(canReadWorker(asNationalEvaluator, worker)).toBe(false);
      expect(canReadWorker(asOrgEvaluator, worker)).toBe(false);
    }
  });

  it('lets an evaluator who is also a worker read their own record, as a worker', () => {
    const both = viewer({ kind: 'evaluator' }, { kind: 'worker', workerId: 'w-mary' });
    expect(canReadWorker(both, mary)).toBe(true);
    expect(canReadWorker(both, michael)).toBe(false);
  });

  it('lets a platform admin read anyone', () => {
    for (const worker of [mary, michael, sunita, movedAway]) expect(canReadWorker(asAdmin, worker)).toBe(true);
  });

  it('gives a viewer without roles nothing', () => {
    expect(canReadWorker(asNobody, mary)).toBe(false);
  });
});

describe('canWriteEvidenceFor', () => {
  it("lets the worker's line manager, their learning lead and a platform admin record any evidence", () => {
    for (const who of [asManager, asLead, asAdmin]) {
      expect(canWriteEvidenceFor(who, mary)).toBe(true);
      expect(canWriteEvidenceFor(who, mary, 'feedback')).toBe(true);
      expect(canWriteEvidenceFor(who, mary, 'assessment')).toBe(true);
    }
  });

  it('refuses a manager outside the team and a lead of another organisation', () => {
    expect(canWriteEvidenceFor(asManager, michael)).toBe(false);
    expect(canWriteEvidenceFor(asLead, sunita)).toBe(false);
  });

  it('lets a worker record their own self-assessment, reflective account and learning activity only', () => {
    expect(canWriteEvidenceFor(asMary, mary, 'self-assessment')).toBe(true);
    expect(canWriteEvidenceFor(asMary, mary, 'reflective-account')).toBe(true);
    expect(canWriteEvidenceFor(asMary, mary, 'learning-activity')).toBe(true);
    expect(canWriteEvidenceFor(asMary, mary, 'assessment')).toBe(false);
    expect(canWriteEvidenceFor(asMary, mary, 'feedback')).toBe(false);
    expect(canWriteEvidenceFor(asMary, mary)).toBe(false);
  });

  it('never lets a worker record evidence about someone else, even of a self-recordable kind', () => {
    expect(canWriteEvidenceFor(asMary, michael, 'reflective-account')).toBe(false);
  });

  it('never lets an evaluator record evidence', () => {
    expect(canWriteEvidenceFor(asNationalEvaluator, mary, 'learning-activity')).toBe(false);
    expect(canWriteEvidenceFor(asOrgEvaluator, mary)).toBe(false);
  });
});

describe('canManageOrganisation', () => {
  it('lets the learning lead of that organisation and a platform admin manage it', () => {
    expect(canManageOrganisation(asLead, 'org-care')).toBe(true);
    expect(canManageOrganisation(asAdmin, 'org-care')).toBe(true);
  });

  it('refuses a lead of another organisation, managers, workers and evaluators', () => {
    expect(canManageOrganisation(asLead, 'org-other')).toBe(false);
    expect(canManageOrganisation(asManager, 'org-care')).toBe(false);
    expect(canManageOrganisation(asMary, 'org-care')).toBe(false);
    expect(canManageOrganisation(asOrgEvaluator, 'org-care')).toBe(false);
  });
});

describe('canReadAggregates', () => {
  it('lets a national evaluator see national and any organisation figures', () => {
    expect(canReadAggregates(asNationalEvaluator)).toBe(true);
    expect(canReadAggregates(asNationalEvaluator, 'org-other')).toBe(true);
  });

  it("limits an organisation's evaluator and learning lead to their organisation", () => {
    expect(canReadAggregates(asOrgEvaluator, 'org-care')).toBe(true);
    expect(canReadAggregates(asOrgEvaluator, 'org-other')).toBe(false);
    expect(canReadAggregates(asOrgEvaluator)).toBe(false);
    expect(canReadAggregates(asLead, 'org-care')).toBe(true);
    expect(canReadAggregates(asLead)).toBe(false);
  });

  it('refuses workers and line managers', () => {
    expect(canReadAggregates(asMary, 'org-care')).toBe(false);
    expect(canReadAggregates(asManager, 'org-care')).toBe(false);
  });
});

describe('assertCan', () => {
  it('does nothing when allowed', () => {
    expect(() => assertCan(true, "read this worker's record")).not.toThrow();
  });

  it('throws a 403 ForbiddenException that names what was refused and carries no data', () => {
    let thrown: unknown;
    try {
      assertCan(canReadWorker(asMary, michael), "read this worker's record");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ForbiddenException);
    const forbidden = thrown as ForbiddenException;
    expect(forbidden.getStatus()).toBe(HttpStatus.FORBIDDEN);
    expect(forbidden.getResponse()).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: "You are not allowed to read this worker's record",
    });
  });
});
