import { describe, expect, it } from 'vitest';
import {
  CLF_ACTIVITY_TYPES,
  CLF_EXTENSIONS,
  CLF_TEMPLATES,
  CLF_VERBS,
  recogniseStatement,
  validateClfStatement,
} from '#libs/framework';
import { validateStatement } from '#libs/xapi';
import { evidenceFromStatement } from './evidence-from-statement.js';
import { buildEvidenceStatement } from './record-evidence/build-statement.js';
import { parseEvidence } from './record-evidence/record-evidence.input.js';

const NOW = new Date('2026-02-03T10:00:00Z');
const MARY = { mbox: 'mailto:mary@oak-house.example.org' };
const JOHN = { name: 'John', mbox: 'mailto:john@oak-house.example.org' };

/** What the LRS would hand back: the statement as built, with `stored` set. */
const stored = (statement: Record<string, unknown>) => ({ ...statement, stored: '2026-02-03T10:00:01.000Z' });

const inputs: Record<string, unknown> = {
  assessment: { kind: 'assessment', indicatorId: 'pc.flexibility.engaged.1', evidenced: true, assessor: JOHN },
  feedback: { kind: 'feedback', source: 'carer', feedback: 'Kate is calmer.', capabilityIds: ['pc.empathy'] },
  'learning-activity': {
    kind: 'learning-activity',
    mode: 'formal',
    title: 'Dementia awareness',
    duration: 'PT3H30M',
    learningKind: 'course',
  },
  'reflective-account': {
    kind: 'reflective-account',
    account: 'What happened when Kate was aggressive.',
    indicatorIds: ['pc.managing-conflict.engaged.1'],
  },
  'learning-need': {
    kind: 'learning-need',
    title: 'Knowledge of dementia',
    targetStage: 'established',
    agreedWith: JOHN,
  },
  'plan-item': { kind: 'plan-item', title: 'Observation notes for two weeks', status: 'in-progress' },
  qualification: {
    kind: 'qualification',
    title: 'SVQ Social Services and Healthcare level 2',
    svqLevel: 2,
    scqfLevel: 6,
    awardingBody: 'SQA',
    hours: 120,
  },
  'prior-learning': { kind: 'prior-learning', title: 'Caring for a relative', creditPoints: 8, recognisedBy: JOHN },
};

/** The CLF profile template each kind of /api evidence follows. */
const templateOf: Record<string, string> = {
  assessment: CLF_TEMPLATES.indicatorEvidence,
  feedback: CLF_TEMPLATES.feedback,
  'learning-activity': CLF_TEMPLATES.formalLearning,
  'reflective-account': CLF_TEMPLATES.reflectiveAccount,
  'learning-need': CLF_TEMPLATES.learningNeed,
  'plan-item': CLF_TEMPLATES.learningPlanItem,
  qualification: CLF_TEMPLATES.qualification,
  'prior-learning': CLF_TEMPLATES.priorLearning,
};

describe('evidence through /api is a CLF-profile statement the catalogue recognises', () => {
  it.each(Object.entries(inputs))(
    '%s: a valid xAPI statement following its profile template, recognised as the same evidence',
    (kind, input) => {
      const statement = buildEvidenceStatement(parseEvidence(input, NOW), MARY);
      expect(validateStatement(statement, { version: '2.0.0' })).toEqual([]);
      expect(validateClfStatement(statement)).toEqual({
        outcome: 'success',
        templates: [templateOf[kind]],
        problems: [],
      });
      expect(recogniseStatement(statement)).not.toHaveProperty('reason');
      const meaning = evidenceFromStatement(stored(statement));
      expect(meaning.type).toBe('record');
      if (meaning.type !== 'record') return;
      expect(meaning.actor.ifi).toBe('mbox:mailto:mary@oak-house.example.org');
      expect(meaning.record.occurredAt).toBe(NOW.toISOString());
      expect(meaning.record.kind).toBe(kind === 'assessment' ? 'indicator-assessment' : kind);
    },
  );

  it('keeps what, who and when', () => {
    const assessment = evidenceFromStatement(
      stored(buildEvidenceStatement(parseEvidence(inputs.assessment, NOW), MARY)),
    );
    expect(assessment).toMatchObject({
      record: {
        by: 'John',
        source: 'line-manager',
        indicator: { indicatorId: 'pc.flexibility.engaged.1', capabilityId: 'pc.flexibility', evidenced: true },
      },
    });
    const learning = evidenceFromStatement(
      stored(buildEvidenceStatement(parseEvidence(inputs['learning-activity'], NOW), MARY)),
    );
    expect(learning).toMatchObject({ record: { title: 'Dementia awareness', durationSeconds: 12_600 } });
    const qualification = evidenceFromStatement(
      stored(buildEvidenceStatement(parseEvidence(inputs.qualification, NOW), MARY)),
    );
    expect(qualification).toMatchObject({
      record: {
        kind: 'qualification',
        title: 'SVQ Social Services and Healthcare level 2',
        durationSeconds: 432_000,
        details: { svqLevel: 2, scqfLevel: 6, awardingBody: 'SQA', duration: 'PT432000S' },
      },
    });
    const reflective = evidenceFromStatement(
      stored(buildEvidenceStatement(parseEvidence(inputs['reflective-account'], NOW), MARY)),
    );
    expect(reflective).toMatchObject({
      record: { capabilityIds: ['pc.managing-conflict'], indicatorIds: ['pc.managing-conflict.engaged.1'] },
    });
    const plan = evidenceFromStatement(stored(buildEvidenceStatement(parseEvidence(inputs['plan-item'], NOW), MARY)));
    expect(plan).toMatchObject({ record: { details: { status: 'in-progress' } } });
  });

  it('records a qualification with the qualification template (v1.1), its levels and awarding body in the activity definition', () => {
    const statement = buildEvidenceStatement(parseEvidence(inputs.qualification, NOW), MARY) as Record<string, any>;
    expect(statement.verb.id).toBe(CLF_VERBS.gainedQualification);
    expect(statement.object.definition).toEqual({
      type: CLF_ACTIVITY_TYPES.qualification,
      name: { en: 'SVQ Social Services and Healthcare level 2' },
      extensions: { [CLF_EXTENSIONS.svqLevel]: 2, [CLF_EXTENSIONS.scqfLevel]: 6, [CLF_EXTENSIONS.awardingBody]: 'SQA' },
    });
    expect(statement.context.contextActivities.category).toEqual([{ id: 'https://w3id.org/xapi/clf/v1.1' }]);
    expect(statement.context.extensions).toBeUndefined();
    const bare = buildEvidenceStatement(
      parseEvidence({ kind: 'qualification', title: 'HNC Early Education and Childcare' }, NOW),
      MARY,
    ) as Record<string, any>;
    expect(bare.object.definition).not.toHaveProperty('extensions');
    expect(validateClfStatement(bare).outcome).toBe('success');
    expect(evidenceFromStatement(stored(bare))).toMatchObject({
      record: { kind: 'qualification', title: 'HNC Early Education and Childcare', details: { duration: 'PT0S' } },
    });
  });

  it("records a plan item's status, which is recognised for each status and is planned when none is given", () => {
    for (const status of ['planned', 'in-progress', 'completed', 'dropped']) {
      const statement = buildEvidenceStatement(
        parseEvidence({ ...(inputs['plan-item'] as object), status }, NOW),
        MARY,
      ) as Record<string, any>;
      expect(statement.result, status).toEqual({
        completion: status === 'completed',
        extensions: { [CLF_EXTENSIONS.planItemStatus]: status },
      });
      expect(validateClfStatement(statement).outcome, status).toBe('success');
      expect(evidenceFromStatement(stored(statement)), status).toMatchObject({
        record: { kind: 'plan-item', title: 'Observation notes for two weeks', details: { status } },
      });
    }
    const noStatus = evidenceFromStatement(
      stored(buildEvidenceStatement(parseEvidence({ kind: 'plan-item', title: 'Shadow a senior' }, NOW), MARY)),
    );
    expect(noStatus).toMatchObject({ record: { kind: 'plan-item', details: { status: 'planned' } } });
    expect(() => parseEvidence({ kind: 'plan-item', title: 'x', status: 'agreed' }, NOW)).toThrow(
      /^status: must be one of planned, in-progress, completed, dropped/,
    );
  });

  it('still counts a qualification stored before v1.1: formal learning with learning-kind "qualification"', () => {
    // Exactly what /api stored for a qualification before the profile had a template for it.
    const before = {
      id: '0b0e3f5e-0000-4000-8000-000000000009',
      actor: { objectType: 'Agent', ...MARY },
      verb: { id: CLF_VERBS.completed, display: { en: 'completed' } },
      object: {
        objectType: 'Activity',
        id: 'urn:uuid:6a0c2d4e-0000-4000-8000-00000000000a',
        definition: {
          type: CLF_ACTIVITY_TYPES.formalLearning,
          name: { en: 'SVQ Social Services and Healthcare level 2' },
          extensions: {
            [CLF_EXTENSIONS.scqfLevel]: 6,
            [CLF_EXTENSIONS.svqLevel]: 2,
            [CLF_EXTENSIONS.awardingBody]: 'SQA',
          },
        },
      },
      context: {
        contextActivities: { category: [{ id: 'https://w3id.org/xapi/clf/v1.0' }] },
        extensions: { [CLF_EXTENSIONS.learningKind]: 'qualification' },
      },
      timestamp: '2019-06-30T12:00:00.000Z',
      result: { completion: true, success: true, duration: 'PT432000S' },
    };
    expect(validateClfStatement(before)).toMatchObject({
      outcome: 'success',
      templates: [CLF_TEMPLATES.formalLearning],
    });
    expect(evidenceFromStatement(stored(before))).toEqual({
      type: 'record',
      actor: expect.objectContaining({ ifi: 'mbox:mailto:mary@oak-house.example.org' }),
      record: {
        statementId: '0b0e3f5e-0000-4000-8000-000000000009',
        kind: 'qualification',
        occurredAt: '2019-06-30T12:00:00.000Z',
        title: 'SVQ Social Services and Healthcare level 2',
        capabilityIds: [],
        indicatorIds: [],
        durationSeconds: 432_000,
        details: { scqfLevel: 6, svqLevel: 2, awardingBody: 'SQA', duration: 'PT432000S' },
      },
    });
  });

  it('a voiding statement withdraws; a statement about a Group belongs to no worker; anything else is a learning record', () => {
    expect(
      evidenceFromStatement({
        actor: MARY,
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: 'ABC' },
        timestamp: '2026-01-01T00:00:00Z',
      }),
    ).toEqual({ type: 'voiding', targetStatementId: 'abc', occurredAt: '2026-01-01T00:00:00Z' });
    expect(
      evidenceFromStatement({
        actor: { objectType: 'Group', member: [MARY] },
        verb: { id: 'http://x.example/v' },
        object: { id: 'http://x.example/a' },
      }),
    ).toEqual({
      type: 'not-about-a-worker',
    });
    const other = evidenceFromStatement({
      id: 'S1',
      actor: MARY,
      verb: { id: 'http://adlnet.gov/expapi/verbs/attended', display: { en: 'attended' } },
      object: { id: 'http://x.example/a' },
      timestamp: '2026-01-01T00:00:00Z',
    });
    expect(other).toMatchObject({
      type: 'record',
      record: { kind: 'learning-record', statementId: 's1', title: 'attended', capabilityIds: [] },
    });
  });

  it('refuses bad input naming the field and the rule', () => {
    expect(() =>
      parseEvidence(
        { kind: 'assessment', indicatorId: 'oc.1-learning-and-performance-culture.engaged.worker.1', evidenced: true },
        NOW,
      ),
    ).toThrow(/^indicatorId: must be the id of a personal capability indicator/);
    expect(() => parseEvidence({ kind: 'learning-activity', mode: 'formal', title: 'x' }, NOW)).toThrow(
      /^duration: is required/,
    );
    expect(() => parseEvidence({ kind: 'learning-activity', mode: 'formal', title: 'x', hours: -1 }, NOW)).toThrow(
      /^hours: must be a number/,
    );
    expect(() => parseEvidence({ kind: 'feedback', source: 'assessor' }, NOW)).toThrow(
      /^source: must be one of line-manager, colleague/,
    );
    expect(() => parseEvidence({ kind: 'qualification', title: 'x', scqfLevel: 13 }, NOW)).toThrow(
      /^scqfLevel: must be a whole number from 1 to 12/,
    );
    expect(() => parseEvidence({ kind: 'reflective-account', account: 'x', capabilityIds: ['pc.x'] }, NOW)).toThrow(
      /^capabilityIds\[0\]: must be the id of a personal capability/,
    );
    expect(() =>
      parseEvidence({ kind: 'feedback', source: 'carer', giver: { mbox: 'carer@example.org' } }, NOW),
    ).toThrow(/^giver\.mbox/);
    expect(() => parseEvidence({ kind: 'reflective-account', account: 'x', occurredAt: '2026-13-01' }, NOW)).toThrow(
      /^occurredAt/,
    );
  });
});
