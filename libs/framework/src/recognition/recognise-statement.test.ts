import { describe, expect, it } from 'vitest';
import { durationToSeconds, isAuditStatement, recogniseStatement } from './recognise-statement.js';

const mary = { objectType: 'Agent', name: 'Mary', account: { homePage: 'https://lms.example.org', name: 'mary' } };
const john = { objectType: 'Agent', name: 'John', mbox: 'mailto:john@example.org' };
const clf = 'https://w3id.org/xapi/clf';
const category = { category: [{ id: `${clf}/v1.1` }] };

function statement<O extends object>(verb: string, object: O, extra: object = {}) {
  return {
    id: '6f1b3c1e-0000-4000-8000-000000000001',
    actor: mary,
    verb: { id: `${clf}/verbs/${verb}` },
    object: { objectType: 'Activity', ...object },
    timestamp: '2026-02-03T10:00:00Z',
    stored: '2026-02-10T09:00:00Z',
    ...extra,
  };
}

const indicatorEvidence = (extra: object = {}) =>
  statement(
    'demonstrated',
    {
      id: `${clf}/indicators/flexibility/engaged/1`,
      definition: { type: `${clf}/activity-types/indicator` },
    },
    {
      result: { success: true },
      context: {
        instructor: john,
        contextActivities: category,
        extensions: { [`${clf}/extensions/evidence-source`]: 'line-manager' },
      },
      ...extra,
    },
  );

describe('recogniseStatement', () => {
  it('recognises evidence of an indicator, placed in time by its timestamp', () => {
    expect(recogniseStatement(indicatorEvidence())).toEqual({
      kind: 'indicator-evidenced',
      indicatorId: 'pc.flexibility.engaged.1',
      capabilityId: 'pc.flexibility',
      evidenced: true,
      source: 'line-manager',
      assessor: john,
      occurredAt: '2026-02-03T10:00:00Z',
    });
  });

  it('recognises a judgement that an indicator is not yet evidenced', () => {
    const fact = recogniseStatement(indicatorEvidence({ result: { success: false }, context: {} }));
    expect(fact).toEqual({
      kind: 'indicator-evidenced',
      indicatorId: 'pc.flexibility.engaged.1',
      capabilityId: 'pc.flexibility',
      evidenced: false,
      occurredAt: '2026-02-03T10:00:00Z',
    });
  });

  it('falls back to a learning record, saying why, when a template is not followed', () => {
    expect(recogniseStatement(indicatorEvidence({ result: {} }))).toEqual({
      kind: 'learning-record',
      reason: 'result.success must be true or false',
    });
    const unknownIndicator = indicatorEvidence();
    unknownIndicator.object.id = `${clf}/indicators/telepathy/engaged/1`;
    expect(recogniseStatement(unknownIndicator)).toMatchObject({
      kind: 'learning-record',
      reason: expect.stringMatching(/not an indicator/),
    });
    const badSource = indicatorEvidence({
      context: { extensions: { [`${clf}/extensions/evidence-source`]: 'neighbour' } },
    });
    expect(recogniseStatement(badSource)).toMatchObject({
      kind: 'learning-record',
      reason: expect.stringMatching(/evidence-source/),
    });
  });

  it('treats any other statement as a plain learning record', () => {
    const scorm = {
      actor: mary,
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: {
        id: 'https://lms.example.org/courses/dementia-awareness',
        definition: { type: 'http://adlnet.gov/expapi/activities/course' },
      },
      timestamp: '2026-01-01T00:00:00Z',
    };
    expect(recogniseStatement(scorm)).toEqual({ kind: 'learning-record' });
    expect(recogniseStatement(null)).toMatchObject({ kind: 'learning-record' });
  });

  it('recognises a formal learning activity with its duration and linked capabilities', () => {
    const fact = recogniseStatement(
      statement(
        'completed',
        {
          id: 'https://lms.example.org/courses/dementia-awareness',
          definition: { type: `${clf}/activity-types/formal-learning`, name: { 'en-GB': 'Dementia awareness' } },
        },
        {
          result: { duration: 'PT3H30M', completion: true },
          context: {
            contextActivities: {
              other: {
                id: `${clf}/capabilities/lifelong-learning`,
                definition: { type: `${clf}/activity-types/capability` },
              },
            },
            extensions: { [`${clf}/extensions/learning-kind`]: 'course' },
          },
        },
      ),
    );
    expect(fact).toEqual({
      kind: 'learning-activity',
      mode: 'formal',
      activityId: 'https://lms.example.org/courses/dementia-awareness',
      name: 'Dementia awareness',
      duration: 'PT3H30M',
      durationSeconds: 12_600,
      learningKind: 'course',
      linkedCapabilityIds: ['pc.lifelong-learning'],
      linkedIndicatorIds: [],
      occurredAt: '2026-02-03T10:00:00Z',
    });
  });

  it('needs a duration for a learning activity', () => {
    const s = statement('completed', {
      id: 'https://lms.example.org/x',
      definition: { type: `${clf}/activity-types/informal-learning` },
    });
    expect(recogniseStatement(s)).toEqual({ kind: 'learning-record', reason: 'result.duration is missing' });
  });

  it('recognises a reflective account', () => {
    const s = statement(
      'reflected',
      {
        id: 'https://continuum.example.org/reflections/1',
        definition: { type: `${clf}/activity-types/reflective-account` },
      },
      {
        result: { response: 'Observing Kate taught me...' },
        context: { contextActivities: { other: [{ id: `${clf}/indicators/accurate-self-assessment/engaged/2` }] } },
      },
    );
    expect(recogniseStatement(s)).toMatchObject({
      kind: 'reflective-account',
      account: 'Observing Kate taught me...',
      linkedIndicatorIds: ['pc.accurate-self-assessment.engaged.2'],
    });
  });

  it('recognises feedback with its source', () => {
    const s = statement(
      'received-feedback',
      { id: 'https://continuum.example.org/feedback/7', definition: { type: `${clf}/activity-types/feedback` } },
      {
        result: { response: 'Kate is calmer with Mary.' },
        context: { extensions: { [`${clf}/extensions/evidence-source`]: 'carer' } },
      },
    );
    expect(recogniseStatement(s)).toMatchObject({
      kind: 'feedback',
      source: 'carer',
      feedback: 'Kate is calmer with Mary.',
    });
    const fromAssessor = statement(
      'received-feedback',
      { id: 'https://continuum.example.org/feedback/8', definition: { type: `${clf}/activity-types/feedback` } },
      { context: { extensions: { [`${clf}/extensions/evidence-source`]: 'assessor' } } },
    );
    expect(recogniseStatement(fromAssessor)).toMatchObject({ kind: 'learning-record' });
  });

  it('recognises an assessment', () => {
    const s = statement(
      'was-assessed',
      { id: 'https://sqa.example.org/svq2/unit/hsc24', definition: { type: `${clf}/activity-types/assessment` } },
      { result: { success: true }, context: { instructor: john } },
    );
    expect(recogniseStatement(s)).toMatchObject({ kind: 'assessment', passed: true, assessor: john });
  });

  it('recognises a learning need and a plan item', () => {
    const need = statement(
      'identified-learning-need',
      { id: 'https://continuum.example.org/needs/1', definition: { type: `${clf}/activity-types/learning-need` } },
      {
        context: {
          registration: 'a1b2c3d4-0000-4000-8000-000000000001',
          instructor: john,
          contextActivities: { other: [{ id: `${clf}/capabilities/accurate-self-assessment` }] },
          extensions: { [`${clf}/extensions/target-stage`]: 'established' },
        },
      },
    );
    expect(recogniseStatement(need)).toMatchObject({
      kind: 'learning-need',
      targetStage: 'established',
      agreedWith: john,
      linkedCapabilityIds: ['pc.accurate-self-assessment'],
      registration: 'a1b2c3d4-0000-4000-8000-000000000001',
    });
    const item = statement('planned', {
      id: 'https://continuum.example.org/plan-items/1',
      definition: {
        type: `${clf}/activity-types/learning-plan-item`,
        name: { en: 'Write reflective accounts monthly' },
      },
    });
    expect(recogniseStatement(item)).toMatchObject({
      kind: 'learning-plan-item',
      name: 'Write reflective accounts monthly',
      status: 'planned',
    });
  });

  it("reads a plan item's status (v1.1), or completed/planned from result.completion without it", () => {
    const item = (result: object) =>
      statement(
        'planned',
        {
          id: 'https://continuum.example.org/plan-items/2',
          definition: { type: `${clf}/activity-types/learning-plan-item` },
        },
        { result },
      );
    const status = (value: unknown) => ({ extensions: { [`${clf}/extensions/plan-item-status`]: value } });
    for (const s of ['planned', 'in-progress', 'completed', 'dropped']) {
      expect(recogniseStatement(item(status(s))), s).toMatchObject({ kind: 'learning-plan-item', status: s });
    }
    expect(recogniseStatement(item({ completion: true }))).toMatchObject({
      kind: 'learning-plan-item',
      status: 'completed',
    });
    expect(recogniseStatement(item({ completion: false }))).toMatchObject({
      kind: 'learning-plan-item',
      status: 'planned',
    });
    expect(recogniseStatement(item({ completion: true, ...status('dropped') }))).toMatchObject({ status: 'dropped' });
    expect(recogniseStatement(item(status('agreed')))).toEqual({
      kind: 'learning-record',
      reason: 'the plan-item-status extension must be one of planned, in-progress, completed, dropped',
    });
  });

  const levels = (values: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(values).map(([name, value]) => [`${clf}/extensions/${name}`, value]));

  it('recognises a qualification gained (v1.1) with its levels, awarding body and hours', () => {
    const s = statement(
      'gained-qualification',
      {
        id: 'https://lms.example.org/qualifications/svq2',
        definition: {
          type: `${clf}/activity-types/qualification`,
          name: { 'en-GB': 'SVQ Social Services and Healthcare level 2' },
          extensions: levels({ 'svq-level': 2, 'scqf-level': 6, 'awarding-body': 'SQA' }),
        },
      },
      {
        result: { success: true, duration: 'PT120H' },
        context: { contextActivities: { ...category, other: [{ id: `${clf}/capabilities/lifelong-learning` }] } },
      },
    );
    expect(recogniseStatement(s)).toEqual({
      kind: 'qualification-gained',
      form: 'qualification',
      activityId: 'https://lms.example.org/qualifications/svq2',
      name: 'SVQ Social Services and Healthcare level 2',
      svqLevel: 2,
      scqfLevel: 6,
      awardingBody: 'SQA',
      duration: 'PT120H',
      durationSeconds: 432_000,
      linkedCapabilityIds: ['pc.lifelong-learning'],
      linkedIndicatorIds: [],
      occurredAt: '2026-02-03T10:00:00Z',
    });
  });

  it('refuses a qualification statement that breaks the template, saying why', () => {
    const qualification = (definition: object, result: object = {}) =>
      statement(
        'gained-qualification',
        {
          id: 'https://lms.example.org/q/1',
          definition: { type: `${clf}/activity-types/qualification`, ...definition },
        },
        { result },
      );
    const named = { name: { en: 'HNC Early Education and Childcare' } };
    expect(recogniseStatement(qualification(named))).toMatchObject({
      kind: 'qualification-gained',
      name: 'HNC Early Education and Childcare',
    });
    expect(recogniseStatement(qualification({}))).toEqual({
      kind: 'learning-record',
      reason: "object.definition.name (the qualification's title) is missing",
    });
    expect(recogniseStatement(qualification({ ...named, extensions: levels({ 'scqf-level': 13 }) }))).toEqual({
      kind: 'learning-record',
      reason: 'the scqf-level extension must be a whole number from 1 to 12',
    });
    expect(recogniseStatement(qualification({ ...named, extensions: levels({ 'svq-level': '2' }) }))).toMatchObject({
      reason: expect.stringMatching(/svq-level/),
    });
    expect(recogniseStatement(qualification({ ...named, extensions: levels({ 'awarding-body': '' }) }))).toMatchObject({
      reason: expect.stringMatching(/awarding-body/),
    });
    expect(recogniseStatement(qualification(named, { success: false }))).toMatchObject({
      kind: 'learning-record',
      reason: expect.stringMatching(/not gained/),
    });
  });

  it('still recognises a qualification in the form before v1.1: formal learning with learning-kind "qualification"', () => {
    const old = (extensions: object, mode = 'formal-learning') =>
      statement(
        'completed',
        {
          id: 'urn:uuid:0b0e3f5e-0000-4000-8000-000000000009',
          definition: { type: `${clf}/activity-types/${mode}`, name: { en: 'SVQ level 2' }, extensions },
        },
        {
          result: { completion: true, success: true, duration: 'PT120H' },
          context: {
            contextActivities: { category: [{ id: `${clf}/v1.0` }] },
            extensions: { [`${clf}/extensions/learning-kind`]: 'qualification' },
          },
        },
      );
    expect(recogniseStatement(old(levels({ 'svq-level': 2, 'scqf-level': 6, 'awarding-body': 'SQA' })))).toEqual({
      kind: 'qualification-gained',
      form: 'formal-learning',
      activityId: 'urn:uuid:0b0e3f5e-0000-4000-8000-000000000009',
      name: 'SVQ level 2',
      svqLevel: 2,
      scqfLevel: 6,
      awardingBody: 'SQA',
      duration: 'PT120H',
      durationSeconds: 432_000,
      linkedCapabilityIds: [],
      linkedIndicatorIds: [],
      occurredAt: '2026-02-03T10:00:00Z',
    });
    // It counted before v1.1, so a malformed level loses only that level, not the qualification.
    const malformed = recogniseStatement(old(levels({ 'scqf-level': 13, 'awarding-body': 'SQA' })));
    expect(malformed).toMatchObject({ kind: 'qualification-gained', form: 'formal-learning', awardingBody: 'SQA' });
    expect(malformed).not.toHaveProperty('scqfLevel');
    // Only formal learning was ever the qualification form.
    expect(recogniseStatement(old({}, 'informal-learning'))).toMatchObject({
      kind: 'learning-activity',
      mode: 'informal',
      learningKind: 'qualification',
    });
  });

  it('recognises recognition of prior learning', () => {
    const s = statement(
      'had-prior-learning-recognised',
      {
        id: 'https://continuum.example.org/prior-learning/1',
        definition: { type: `${clf}/activity-types/prior-learning` },
      },
      { result: { extensions: { [`${clf}/extensions/scqf-credit-points`]: 8 } } },
    );
    expect(recogniseStatement(s)).toMatchObject({
      kind: 'prior-learning-recognised',
      recognised: true,
      creditPoints: 8,
    });
  });

  it('recognises organisational self-audit answers and indicator self-assessments', () => {
    const auditContext = {
      registration: 'c0ffee00-0000-4000-8000-000000000001',
      extensions: { [`${clf}/extensions/organisation`]: 'org-42' },
    };
    const answer = statement(
      'answered',
      {
        id: `${clf}/audit-questions/1-learning-and-performance-culture/1a/1`,
        definition: { type: `${clf}/activity-types/audit-question` },
      },
      { result: { response: 'Monthly reflective practice groups.' }, context: auditContext },
    );
    expect(recogniseStatement(answer)).toEqual({
      kind: 'audit-answer',
      organisationId: 'org-42',
      auditId: 'c0ffee00-0000-4000-8000-000000000001',
      questionId: 'oc.1-learning-and-performance-culture.audit.1a.q1',
      capabilityId: 'oc.1-learning-and-performance-culture',
      response: 'Monthly reflective practice groups.',
      occurredAt: '2026-02-03T10:00:00Z',
    });
    const assessed = statement(
      'self-assessed',
      {
        id: `${clf}/indicators/organisational/1-learning-and-performance-culture/engaged/organisation/1`,
        definition: { type: `${clf}/activity-types/indicator` },
      },
      { result: { success: false }, context: auditContext },
    );
    expect(recogniseStatement(assessed)).toMatchObject({
      kind: 'audit-indicator-assessed',
      indicatorId: 'oc.1-learning-and-performance-culture.engaged.organisation.1',
      achieved: false,
    });
    expect([answer, assessed].every(isAuditStatement)).toBe(true);
    // Without definition.type, or answered with another verb: still the organisation's audit, never a worker's record.
    const untyped = (s: typeof answer) => ({ ...s, object: { id: (s.object as { id: string }).id } });
    expect(isAuditStatement(untyped(answer))).toBe(true);
    expect(isAuditStatement(untyped(assessed))).toBe(true);
    expect(isAuditStatement({ ...answer, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' } })).toBe(true);
    // A personal capability's indicator by its IRI alone is a worker's matter.
    const personal = statement('self-assessed', {
      id: `${clf}/indicators/self-confidence/engaged/1`,
    });
    expect(isAuditStatement(personal)).toBe(false);
    const withoutOrganisation = { ...assessed, context: { registration: auditContext.registration } };
    expect(recogniseStatement(withoutOrganisation)).toMatchObject({
      kind: 'learning-record',
      reason: expect.stringMatching(/organisation/),
    });
  });
});

describe('durationToSeconds', () => {
  it('reads fixed-length ISO 8601 durations', () => {
    expect(durationToSeconds('PT45M')).toBe(2_700);
    expect(durationToSeconds('P1DT1H')).toBe(90_000);
    expect(durationToSeconds('PT0.5S')).toBe(0.5);
    expect(durationToSeconds('P1M')).toBeUndefined();
    expect(durationToSeconds('PT')).toBeUndefined();
  });
});

describe('the README examples for LMS vendors', () => {
  it('are each recognised as a CLF fact', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const examples = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
    expect(examples.map((e) => recogniseStatement(e).kind)).toEqual([
      'indicator-evidenced',
      'learning-activity',
      'qualification-gained',
      'learning-plan-item',
      'feedback',
      'audit-answer',
    ]);
    expect(examples.map((e) => recogniseStatement(e))).toContainEqual(
      expect.objectContaining({ kind: 'qualification-gained', svqLevel: 2, scqfLevel: 6, awardingBody: 'SQA' }),
    );
    expect(examples.map((e) => recogniseStatement(e))).toContainEqual(
      expect.objectContaining({ kind: 'learning-plan-item', status: 'in-progress' }),
    );
  });
});
