import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evaluateJsonPath,
  ruleProblem,
  validateClfStatement,
  validateStatementAgainstTemplates,
} from './validate-statement.js';

const clf = 'https://w3id.org/xapi/clf';
const mary = { objectType: 'Agent', name: 'Mary', account: { homePage: 'https://lms.example.org', name: 'mary' } };
const ext = (name: string) => `${clf}/extensions/${name}`;

/** "Mary gained an SVQ level 2 at SCQF level 6 from SQA", as the qualification template (v1.1) asks. */
const qualification = () => ({
  actor: mary,
  verb: { id: `${clf}/verbs/gained-qualification`, display: { en: 'gained qualification' } },
  object: {
    objectType: 'Activity',
    id: 'https://lms.example.org/qualifications/svq-2-social-services-and-healthcare',
    definition: {
      type: `${clf}/activity-types/qualification`,
      name: { 'en-GB': 'SVQ Social Services and Healthcare at SCQF level 6' },
      extensions: { [ext('svq-level')]: 2, [ext('scqf-level')]: 6, [ext('awarding-body')]: 'SQA' },
    },
  },
  result: { success: true, completion: true, duration: 'PT120H' },
  context: { contextActivities: { category: [{ id: `${clf}/v1.1` }] } },
  timestamp: '2026-06-30T12:00:00Z',
});

/** A learning plan item in progress, with the v1.1 plan-item-status extension. */
const planItem = (status: unknown = 'in-progress') => ({
  actor: mary,
  verb: { id: `${clf}/verbs/planned` },
  object: {
    id: 'https://lms.example.org/plans/mary/items/1',
    definition: { type: `${clf}/activity-types/learning-plan-item`, name: { en: 'Observation notes for two weeks' } },
  },
  result: { completion: false, extensions: { [ext('plan-item-status')]: status } },
  context: {
    registration: 'a1b2c3d4-0000-4000-8000-000000000001',
    contextActivities: {
      category: { id: `${clf}/v1.1` },
      other: {
        id: `${clf}/capabilities/accurate-self-assessment`,
        definition: { type: `${clf}/activity-types/capability` },
      },
    },
    extensions: { [ext('target-stage')]: 'established' },
  },
  timestamp: '2026-02-10T09:00:00Z',
});

const indicatorEvidence = (category: string) => ({
  actor: mary,
  verb: { id: `${clf}/verbs/demonstrated` },
  object: { id: `${clf}/indicators/flexibility/engaged/1`, definition: { type: `${clf}/activity-types/indicator` } },
  result: { success: true },
  context: {
    contextActivities: { category: [{ id: category }] },
    extensions: { [ext('evidence-source')]: 'line-manager' },
  },
  timestamp: '2026-02-03T10:00:00Z',
});

describe('JSONPath, the specification subset', () => {
  const doc = { a: { 'b.c': [1, 2, 3], d: 'x' }, list: [{ id: 'p' }, { id: 'q' }, {}] };

  it('follows names, quoted names with dots and slashes, indexes, stars and unions', () => {
    expect(evaluateJsonPath(doc, '$.a.d')).toEqual(['x']);
    expect(evaluateJsonPath(doc, "$.a['b.c']")).toEqual([[1, 2, 3]]);
    expect(evaluateJsonPath(doc, "$.a['b.c'][1]")).toEqual([2]);
    expect(evaluateJsonPath(doc, "$.a['b.c'][0,2]")).toEqual([1, 3]);
    expect(evaluateJsonPath(doc, '$.list[*].id')).toEqual(['p', 'q']);
    expect(evaluateJsonPath(doc, "$.a['d','missing']")).toEqual(['x']);
    expect(evaluateJsonPath(doc, '$.a.*')).toEqual([[1, 2, 3], 'x']);
    expect(evaluateJsonPath(doc, `$.x['${ext('scqf-level')}']`)).toEqual([]);
    expect(evaluateJsonPath({ x: { [ext('scqf-level')]: 6 } }, `$.x['${ext('scqf-level')}']`)).toEqual([6]);
    expect(evaluateJsonPath(doc, '$.a.d.e')).toEqual([]);
  });

  it('refuses filters, scripts and recursive descent', () => {
    expect(() => evaluateJsonPath(doc, '$.list[?(@.id)]')).toThrow(/filter/);
    expect(() => evaluateJsonPath(doc, '$.list[(@.length-1)]')).toThrow(/filter/);
    expect(() => evaluateJsonPath(doc, '$..id')).toThrow(/recursive/);
    expect(() => evaluateJsonPath(doc, 'a.b')).toThrow(/\$/);
  });
});

describe('a template rule, as the specification evaluates it', () => {
  const s = {
    result: { success: true },
    context: { contextActivities: { other: [{ id: 'a' }, { id: 'b', definition: { type: 't' } }] } },
  };

  it('presence', () => {
    expect(ruleProblem(s, { location: '$.result.success', presence: 'included' })).toBeUndefined();
    expect(ruleProblem(s, { location: '$.result.duration', presence: 'included' })).toMatch(/required/);
    expect(ruleProblem(s, { location: '$.result.success', presence: 'excluded' })).toMatch(/absent/);
    expect(ruleProblem(s, { location: '$.result.duration', presence: 'recommended', any: ['PT1H'] })).toBeUndefined();
  });

  it('any, all and none; only where there are values when recommended', () => {
    expect(ruleProblem(s, { location: '$.result.success', any: [true] })).toBeUndefined();
    expect(ruleProblem(s, { location: '$.result.success', any: [false] })).toMatch(/at least one of \[false\]/);
    expect(ruleProblem(s, { location: '$.result.duration', any: ['PT1H'] })).toMatch(/has nothing/);
    expect(ruleProblem(s, { location: '$.context.contextActivities.other[*].id', all: ['a', 'b'] })).toBeUndefined();
    expect(ruleProblem(s, { location: '$.context.contextActivities.other[*].id', all: ['a'] })).toMatch(/only values/);
    expect(ruleProblem(s, { location: '$.result.success', none: [false] })).toBeUndefined();
    expect(ruleProblem(s, { location: '$.result.success', presence: 'recommended', none: [true] })).toMatch(/none of/);
  });

  it('a selector that finds nothing on a value is unmatchable', () => {
    const rule = { location: '$.context.contextActivities.other[*]', selector: '$.definition.type' };
    expect(ruleProblem(s, { ...rule, presence: 'included' })).toMatch(/required/);
    expect(ruleProblem(s, { ...rule, any: ['t'] })).toBeUndefined();
    expect(ruleProblem(s, { ...rule, all: ['t'] })).toMatch(/only values/);
  });
});

describe('statements against the CLF profile templates', () => {
  it('an example of the qualification template (v1.1) follows it', () => {
    expect(validateClfStatement(qualification())).toEqual({
      outcome: 'success',
      templates: [`${clf}/templates/qualification`],
      problems: [],
    });
    const minimal = qualification();
    delete (minimal as Partial<typeof minimal>).result;
    minimal.object.definition.extensions = {} as typeof minimal.object.definition.extensions;
    expect(validateClfStatement(minimal).outcome).toBe('success');
  });

  it('a qualification statement that breaks the template is invalid, naming the rule', () => {
    const cases: [string, (s: ReturnType<typeof qualification>) => void, RegExp][] = [
      ['SCQF level 13', (s) => (s.object.definition.extensions[ext('scqf-level')] = 13), /scqf-level.*any/],
      [
        'SVQ level as a string',
        (s) => (s.object.definition.extensions[ext('svq-level')] = '2' as unknown as number),
        /svq-level.*any/,
      ],
      [
        'no title',
        (s) => delete (s.object.definition as Partial<typeof s.object.definition>).name,
        /definition\.name: is required/,
      ],
      ['not gained', (s) => (s.result.success = false), /result\.success: must have none of \[false\]/],
      ['about a Group', (s) => (s.actor = { ...s.actor, objectType: 'Group' }), /actor\.objectType/],
      [
        'naming only v1.0, which has no such template',
        (s) => (s.context.contextActivities.category[0]!.id = `${clf}/v1.0`),
        /category.*any/,
      ],
    ];
    for (const [what, breakIt, problem] of cases) {
      const s = qualification();
      breakIt(s);
      const outcome = validateClfStatement(s);
      expect(outcome.outcome, what).toBe('invalid');
      expect(outcome.templates, what).toEqual([`${clf}/templates/qualification`]);
      expect(outcome.problems.join('\n'), what).toMatch(problem);
    }
  });

  it('an example of a learning plan item with its status (v1.1) follows the plan item template', () => {
    for (const status of ['planned', 'in-progress', 'completed', 'dropped']) {
      expect(validateClfStatement(planItem(status)), status).toEqual({
        outcome: 'success',
        templates: [`${clf}/templates/learning-plan-item`],
        problems: [],
      });
    }
    const withoutStatus = planItem();
    delete (withoutStatus.result as Partial<typeof withoutStatus.result>).extensions;
    expect(validateClfStatement(withoutStatus).outcome).toBe('success');
    const agreed = validateClfStatement(planItem('agreed'));
    expect(agreed.outcome).toBe('invalid');
    expect(agreed.problems.join()).toMatch(/plan-item-status.*any/);
  });

  it('indicator evidence naming v1.0 or v1.1 follows its template; other statements match none', () => {
    for (const version of ['v1.0', 'v1.1']) {
      expect(validateClfStatement(indicatorEvidence(`${clf}/${version}`))).toMatchObject({
        outcome: 'success',
        templates: [`${clf}/templates/indicator-evidence`],
      });
    }
    expect(validateClfStatement(indicatorEvidence(`${clf}/v9`)).outcome).toBe('invalid');
    const scorm = {
      actor: mary,
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: 'https://lms.example.org/c' },
    };
    expect(validateClfStatement(scorm)).toEqual({ outcome: 'unmatched', templates: [], problems: [] });
  });

  it('matches context activity types and attachment usage types as supersets', () => {
    const template = { id: 'urn:t', contextOtherActivityType: ['t'], attachmentUsageType: ['u'] };
    const s = (others: unknown, usage: string[]) => ({
      context: { contextActivities: { other: others } },
      attachments: usage.map((usageType) => ({ usageType })),
    });
    expect(
      validateStatementAgainstTemplates(s({ id: 'a', definition: { type: 't' } }, ['u', 'v']), [template]).outcome,
    ).toBe('success');
    expect(validateStatementAgainstTemplates(s([{ id: 'a' }], ['u']), [template]).outcome).toBe('unmatched');
    expect(validateStatementAgainstTemplates(s([{ id: 'a', definition: { type: 't' } }], []), [template]).outcome).toBe(
      'unmatched',
    );
  });
});

describe('the README examples for LMS vendors', () => {
  it('each follow exactly one template of the profile', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const examples = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const example of examples) {
      const outcome = validateClfStatement(example);
      expect(outcome, JSON.stringify(example)).toMatchObject({ outcome: 'success', templates: [expect.any(String)] });
    }
  });
});
