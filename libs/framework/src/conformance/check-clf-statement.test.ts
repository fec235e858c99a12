import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recogniseStatement } from '../recognition/recognise-statement.js';
import { checkClfStatement, clfVocabularyIn } from './check-clf-statement.js';

const clf = 'https://w3id.org/xapi/clf';
const mary = { objectType: 'Agent', name: 'Mary', account: { homePage: 'https://lms.example.org', name: 'mary' } };

const demonstrated = (object: object, extra: object = {}) => ({
  actor: mary,
  verb: { id: `${clf}/verbs/demonstrated` },
  object: { objectType: 'Activity', definition: { type: `${clf}/activity-types/indicator` }, ...object },
  result: { success: true },
  context: { contextActivities: { category: [{ id: `${clf}/v1.1` }] } },
  timestamp: '2026-02-03T10:00:00Z',
  ...extra,
});

describe('checkClfStatement: what an LMS is told about one statement', () => {
  it('an indicator IRI that is not in the catalogue: not recognised, though every template rule is followed', () => {
    const check = checkClfStatement(demonstrated({ id: `${clf}/indicators/flexibility/engaged/99` }));
    expect(check).toMatchObject({
      outcome: 'not-recognised',
      reason: `${clf}/indicators/flexibility/engaged/99 is not an indicator of the catalogue`,
      templates: { matched: [`${clf}/templates/indicator-evidence`], broken: [] },
    });
    expect(check.clfVocabulary).toEqual(
      expect.arrayContaining([
        '$.verb.id',
        '$.object.id',
        '$.object.definition.type',
        '$.context.contextActivities.category[0].id',
      ]),
    );
  });

  it('without result.success: not recognised, naming the template rule and its words', () => {
    const check = checkClfStatement(
      demonstrated({ id: `${clf}/indicators/flexibility/engaged/1` }, { result: { completion: true } }),
    );
    expect(check.outcome).toBe('not-recognised');
    expect(check.reason).toBe('result.success must be true or false');
    expect(check.templates.broken).toEqual([
      {
        template: `${clf}/templates/indicator-evidence`,
        location: '$.result.success',
        problem: 'is required (presence: included)',
        rule: { location: '$.result.success', presence: 'included', any: [true, false] },
      },
    ]);
  });

  it('a recognised statement that breaks a rule still counts; the rule is reported', () => {
    const check = checkClfStatement(
      demonstrated(
        { id: `${clf}/indicators/flexibility/engaged/1` },
        { context: { contextActivities: { category: [{ id: `${clf}/v9` }] } } },
      ),
    );
    expect(check).toMatchObject({ outcome: 'recognised', recognisedAs: 'indicator-evidenced' });
    expect(check.templates.broken.map((b) => b.location)).toEqual(['$.context.contextActivities.category[*].id']);
  });

  it('a CLF verb with another object type names the type it needs', () => {
    const check = checkClfStatement(
      demonstrated({
        id: `${clf}/indicators/flexibility/engaged/1`,
        definition: { type: 'http://adlnet.gov/expapi/activities/course' },
      }),
    );
    expect(check.outcome).toBe('not-recognised');
    expect(check.reason).toBe(
      `the verb ${clf}/verbs/demonstrated needs an object of type ${clf}/activity-types/indicator (template indicator evidence (${clf}/templates/indicator-evidence)); the object has type http://adlnet.gov/expapi/activities/course`,
    );
  });

  it('a CLF object type with another verb names the verb it needs', () => {
    const statement = {
      actor: mary,
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: {
        id: 'https://lms.example.org/courses/1',
        definition: { type: `${clf}/activity-types/formal-learning` },
      },
      result: { duration: 'PT1H' },
    };
    expect(checkClfStatement(statement).reason).toBe(
      `an object of type ${clf}/activity-types/formal-learning needs the verb ${clf}/verbs/completed (template formal learning activity (${clf}/templates/formal-learning)); the verb is http://adlnet.gov/expapi/verbs/completed`,
    );
  });

  it('an ADL statement linked to a CLF capability is CLF, and says it matches no template', () => {
    const statement = {
      actor: mary,
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: {
        id: 'https://lms.example.org/courses/1',
        definition: { type: 'http://adlnet.gov/expapi/activities/course' },
      },
      context: { contextActivities: { other: { id: `${clf}/capabilities/lifelong-learning` } } },
    };
    const check = checkClfStatement(statement);
    expect(check).toMatchObject({
      outcome: 'not-recognised',
      clfVocabulary: ['$.context.contextActivities.other[0].id'],
    });
    expect(check.reason).toMatch(/not those of any CLF statement template/);
  });

  it('a CLF verb on a SubStatement: every template wants an Activity', () => {
    const statement = {
      actor: mary,
      verb: { id: `${clf}/verbs/planned` },
      object: { objectType: 'SubStatement', actor: mary, verb: { id: 'x:y' }, object: { id: 'x:z' } },
    };
    expect(checkClfStatement(statement)).toMatchObject({
      outcome: 'not-recognised',
      reason: "the object is a SubStatement: every CLF statement template's object is an Activity",
    });
  });

  it('a plain learning record is not CLF, and nothing is said about it', () => {
    const scorm = {
      actor: mary,
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: 'https://lms.example.org/scorm/1' },
    };
    expect(checkClfStatement(scorm)).toEqual({
      outcome: 'not-clf',
      clfVocabulary: [],
      templates: { matched: [], broken: [] },
    });
    expect(checkClfStatement('not a statement').outcome).toBe('not-clf');
  });

  it("the README's examples for LMS vendors are recognised and break no rule", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const examples = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples)
      expect(checkClfStatement(example)).toMatchObject({ outcome: 'recognised', templates: { broken: [] } });
  });
});

/** Where the definition of a CLF statement looks, and a way to put an IRI there. */
const positions: { path: string; put: (s: Record<string, any>, iri: string) => void }[] = [
  { path: '$.verb.id', put: (s, iri) => (s.verb.id = iri) },
  { path: '$.object.id', put: (s, iri) => (s.object.id = iri) },
  { path: '$.object.definition.type', put: (s, iri) => (s.object.definition.type = iri) },
  { path: `$.object.definition.extensions['IRI']`, put: (s, iri) => (s.object.definition.extensions[iri] = 1) },
  {
    path: '$.context.contextActivities.parent[1].id',
    put: (s, iri) => (s.context.contextActivities.parent[1].id = iri),
  },
  {
    path: '$.context.contextActivities.category[0].definition.type',
    put: (s, iri) => (s.context.contextActivities.category[0].definition.type = iri),
  },
  {
    path: '$.context.contextActivities.other[0].id',
    put: (s, iri) => (s.context.contextActivities.other = { id: iri }),
  },
  { path: `$.context.extensions['IRI']`, put: (s, iri) => (s.context.extensions[iri] = 'x') },
  { path: `$.result.extensions['IRI']`, put: (s, iri) => (s.result.extensions[iri] = 'x') },
];

const nonClfIri = fc.webUrl().filter((u) => !u.startsWith(clf));
const clfIri = fc
  .constantFrom(
    'verbs/demonstrated',
    'indicators/flexibility/engaged/1',
    'indicators/no/such/9',
    'capabilities/empathy',
    'v1.1',
    'extensions/x',
  )
  .map((p) => `${clf}/${p}`);

/** A statement whose every IRI the definition looks at is outside the CLF namespace. */
const plainStatement = fc
  .record({ iris: fc.array(nonClfIri, { minLength: 12, maxLength: 12 }), success: fc.option(fc.boolean()) })
  .map(({ iris, success }) => ({
    actor: mary,
    verb: { id: iris[0] },
    object: { objectType: 'Activity', id: iris[1], definition: { type: iris[2], extensions: { [iris[3]!]: 1 } } },
    result: { ...(success === null ? {} : { success }), extensions: { [iris[4]!]: 'x' } },
    context: {
      contextActivities: {
        parent: [{ id: iris[5] }, { id: iris[6] }],
        category: [{ id: iris[7], definition: { type: iris[8] } }],
        other: [{ id: iris[9] }],
      },
      extensions: { [iris[10]!]: 'x' },
    },
    timestamp: '2026-02-03T10:00:00Z',
  }));

describe('the definition of a CLF statement, as a property', () => {
  it('a statement with no CLF IRI where the definition looks is not CLF', () => {
    fc.assert(
      fc.property(plainStatement, (s) => clfVocabularyIn(s).length === 0 && checkClfStatement(s).outcome === 'not-clf'),
    );
  });

  it('one CLF IRI in any of those places makes it CLF, reported at that place; and it counts exactly when it is recognised', () => {
    fc.assert(
      fc.property(plainStatement, fc.constantFrom(...positions), clfIri, (s, position, iri) => {
        position.put(s, iri);
        const check = checkClfStatement(s);
        expect(check.clfVocabulary).toEqual([position.path.replace('IRI', iri)]);
        expect(check.outcome).toBe(recogniseStatement(s).kind === 'learning-record' ? 'not-recognised' : 'recognised');
        if (check.outcome === 'not-recognised') expect(check.reason).toEqual(expect.any(String));
      }),
    );
  });
});
