import { describe, expect, it } from 'vitest';
import { AUDIT_CYCLE_EVENTS as EV, type AuditCycleEvent } from './audit-cycle.events.js';
import { evolveAuditCycle, initialAuditCycle } from './audit-cycle.js';
import { ChangeActionStatus } from './change-action-status/change-action-status.command.js';
import { decideChangeActionStatus } from './change-action-status/change-action-status.decider.js';
import { CompleteAuditCycle } from './complete-audit-cycle/complete-audit-cycle.command.js';
import { AnswerAuditQuestion } from './answer-audit-question/answer-audit-question.command.js';
import { decideAnswerAuditQuestion } from './answer-audit-question/answer-audit-question.decider.js';
import { decideWithdrawal } from './withdraw-audit-statement/withdraw-audit-statement.decider.js';
import { decideCompleteAuditCycle } from './complete-audit-cycle/complete-audit-cycle.decider.js';
import { OpenAuditCycle } from './open-audit-cycle/open-audit-cycle.command.js';
import { decideOpenAuditCycle } from './open-audit-cycle/open-audit-cycle.decider.js';
import { SelfAssessIndicator } from './self-assess-indicator/self-assess-indicator.command.js';
import { decideSelfAssessIndicator } from './self-assess-indicator/self-assess-indicator.decider.js';

const given = (...events: AuditCycleEvent[]) => events.reduce(evolveAuditCycle, initialAuditCycle);
const opened: AuditCycleEvent = {
  type: EV.opened,
  version: 1,
  data: { auditId: 'a1', organisationId: 'o', startedOn: '2025-01-01', surveyThreshold: 0.6 },
};
const completed: AuditCycleEvent = {
  type: EV.completed,
  version: 1,
  data: { auditId: 'a1', organisationId: 'o', completedOn: '2025-02-01' },
};
const planned: AuditCycleEvent = {
  type: EV.actionPlanned,
  version: 1,
  data: {
    auditId: 'a1',
    organisationId: 'o',
    actionId: 'x',
    capabilityId: 'c',
    indicatorId: 'i',
    description: 'd',
    owner: 'w',
    due: '2025-05-01',
  },
};
const indicator = 'oc.1-learning-and-performance-culture.engaged.organisation.1';

describe('audit cycle deciders', () => {
  it('given no open cycle in the organisation, when a cycle is opened, then it is opened and registered', () => {
    const events = decideOpenAuditCycle(new OpenAuditCycle('o', 'a2', '2026-01-01', 0.6, 'u'), initialAuditCycle, {
      registered: true,
      openCycleId: undefined,
    });
    expect(events.map((e) => e.type)).toEqual([EV.opened, 'audit.AuditCycleRegistered']);
  });

  it('given an open cycle in the organisation, when another is opened, then 409 naming the rule and the open cycle', () => {
    const open = () =>
      decideOpenAuditCycle(new OpenAuditCycle('o', 'a2', '2026-01-01', 0.6, 'u'), initialAuditCycle, {
        registered: true,
        openCycleId: 'a1',
      });
    expect(open).toThrow(/id: audit cycle "a1" is still open; one open cycle per organisation/);
  });

  it('given an unregistered organisation, when a cycle is opened, then 404', () => {
    expect(() =>
      decideOpenAuditCycle(new OpenAuditCycle('o', 'a2', '2026-01-01', 0.6, 'u'), initialAuditCycle, {
        registered: false,
        openCycleId: undefined,
      }),
    ).toThrow(/no organisation/);
  });

  it('given an open cycle, when an indicator is self-assessed, then it is recorded', () => {
    const events = decideSelfAssessIndicator(
      new SelfAssessIndicator('o', 'a1', indicator, true, 'e', 'u'),
      given(opened),
    );
    expect(events).toEqual([
      {
        type: EV.indicatorSelfAssessed,
        version: 1,
        data: expect.objectContaining({ indicatorId: indicator, achieved: true }),
      },
    ]);
  });

  it('given a completed cycle, when it is changed, then 409; another organisation sees no cycle', () => {
    expect(() =>
      decideSelfAssessIndicator(new SelfAssessIndicator('o', 'a1', indicator, true, '', 'u'), given(opened, completed)),
    ).toThrow(/completed/);
    expect(() =>
      decideCompleteAuditCycle(new CompleteAuditCycle('other', 'a1', '2025-02-01', 'u'), given(opened)),
    ).toThrow(/no audit cycle/);
  });

  it('refuses a completion before the start', () => {
    expect(() => decideCompleteAuditCycle(new CompleteAuditCycle('o', 'a1', '2024-12-31', 'u'), given(opened))).toThrow(
      /completedOn/,
    );
  });

  it('follows actions through after completion; the same status again records nothing', () => {
    const state = given(opened, planned, completed);
    expect(
      decideChangeActionStatus(new ChangeActionStatus('o', 'a1', 'x', 'done', '2025-03-01', 'u'), state),
    ).toHaveLength(1);
    expect(decideChangeActionStatus(new ChangeActionStatus('o', 'a1', 'x', 'open', '2025-03-01', 'u'), state)).toEqual(
      [],
    );
  });

  it('given a change dated 2025-03-10, when the action changes with an earlier date, then 400 naming changedOn', () => {
    const changed: AuditCycleEvent = {
      type: EV.actionStatusChanged,
      version: 1,
      data: { auditId: 'a1', organisationId: 'o', actionId: 'x', status: 'done', changedOn: '2025-03-10' },
    };
    const state = given(opened, planned, changed);
    expect(() =>
      decideChangeActionStatus(new ChangeActionStatus('o', 'a1', 'x', 'dropped', '2025-03-09', 'u'), state),
    ).toThrow(/changedOn: must not be before the action's last change \(2025-03-10\)/);
    expect(
      decideChangeActionStatus(new ChangeActionStatus('o', 'a1', 'x', 'dropped', '2025-03-10', 'u'), state),
    ).toHaveLength(1);
    // A repeat of the status records nothing, whatever its date (a retried request).
    expect(decideChangeActionStatus(new ChangeActionStatus('o', 'a1', 'x', 'done', '2025-03-01', 'u'), state)).toEqual(
      [],
    );
  });

  it("given an open cycle, when a tool's answer or evidence is over 20,000 characters or blank, then 400 as through the API", () => {
    const question = 'oc.1-learning-and-performance-culture.audit.1a.q1';
    const answer = (response: string) =>
      decideAnswerAuditQuestion(new AnswerAuditQuestion('o', 'a1', question, response, 'tool'), given(opened));
    expect(() => answer('x'.repeat(20_001))).toThrow(/response: must be at most 20000 characters/);
    expect(() => answer('   ')).toThrow(/response: is required/);
    expect(answer('x'.repeat(20_000))).toHaveLength(1);
    expect(() =>
      decideSelfAssessIndicator(
        new SelfAssessIndicator('o', 'a1', indicator, true, 'e'.repeat(20_001), 'tool'),
        given(opened),
      ),
    ).toThrow(/evidence: must be at most 20000 characters/);
  });

  it('given two answers to a question, when the later one is withdrawn, then the earlier stands; withdrawn again, nothing', () => {
    const question = 'oc.1-learning-and-performance-culture.audit.1a.q1';
    const answered = (eventId: string, response: string) => ({
      type: EV.questionAnswered,
      version: 1,
      data: { auditId: 'a1', organisationId: 'o', capabilityId: 'c', questionId: question, response },
      metadata: { eventId },
    });
    const cycle = [{ ...opened, metadata: { eventId: 'e0' } }, answered('e1', 'first'), answered('e2', 'second')];
    const [withdrawn] = decideWithdrawal(cycle, 'o', 'a1', 'e2');
    expect(withdrawn).toMatchObject({
      type: EV.answerWithdrawn,
      data: { questionId: question, withdrawnEventId: 'e2', standing: { response: 'first' } },
    });
    const after = [...cycle, { ...withdrawn!, metadata: { eventId: 'e3' } }];
    expect(decideWithdrawal(after, 'o', 'a1', 'e2')).toEqual([]);
    expect(decideWithdrawal(after, 'o', 'a1', 'e1')[0]!.data.standing).toBeNull();
    // A completed cycle is kept as it was.
    expect(() => decideWithdrawal([...cycle, { ...completed, metadata: { eventId: 'e4' } }], 'o', 'a1', 'e1')).toThrow(
      /completed/,
    );
  });
});
