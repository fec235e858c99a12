import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { allIndicators } from '../catalogue/catalogue.js';
import { clfProfile } from './clf-profile.js';
import { expandProfile, validateProfile } from './validate-profile.js';
import { CLF_ACTIVITY_TYPES, CLF_EXTENSIONS, CLF_PROFILE_VERSION_ID, CLF_TEMPLATES, CLF_VERBS } from './vocabulary.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
type Mutable = Record<string, any>;

describe('the CLF xAPI profile', () => {
  it('validates against the xAPI Profiles 1.0 rules', () => {
    expect(validateProfile(clfProfile)).toEqual([]);
  });

  it('has the identity LMSs rely on', () => {
    expect(clfProfile.id).toBe('https://w3id.org/xapi/clf');
    expect(clfProfile['@context']).toBe('https://w3id.org/xapi/profiles/context');
    expect(clfProfile.type).toBe('Profile');
    expect(clfProfile.conformsTo).toBe('https://w3id.org/xapi/profiles#1.0');
  });

  it('contains the indicator-evidence template', () => {
    const t = clfProfile.templates.find((x) => x.id === CLF_TEMPLATES.indicatorEvidence) as Mutable;
    expect(t.verb).toBe('https://w3id.org/xapi/clf/verbs/demonstrated');
    expect(t.objectActivityType).toBe('https://w3id.org/xapi/clf/activity-types/indicator');
    const rule = (location: string) => t.rules.find((r: Mutable) => r.location === location);
    expect(rule('$.result.success')).toMatchObject({ presence: 'included', any: [true, false] });
    expect(rule('$.context.instructor')).toMatchObject({ presence: 'recommended' });
    expect(rule("$.context.extensions['https://w3id.org/xapi/clf/extensions/evidence-source']")).toMatchObject({
      presence: 'recommended',
      any: ['line-manager', 'colleague', 'person-using-services', 'carer', 'self', 'assessor'],
    });
    expect(rule('$.timestamp')).toMatchObject({ presence: 'included' });
  });

  it('covers every kind of CLF record', () => {
    const verbs = new Set(clfProfile.templates.map((t) => (t as Mutable).verb));
    for (const v of Object.values(CLF_VERBS)) expect(verbs.has(v), v).toBe(true);
    const conceptIds = new Set(clfProfile.concepts.map((c) => c.id));
    for (const id of [
      ...Object.values(CLF_VERBS),
      ...Object.values(CLF_ACTIVITY_TYPES),
      ...Object.values(CLF_EXTENSIONS),
    ]) {
      expect(conceptIds.has(id), id).toBe(true);
    }
  });

  it('tells templates apart by verb and object type, so a statement matches at most one', () => {
    const keys = clfProfile.templates.map((t) => `${(t as Mutable).verb} ${(t as Mutable).objectActivityType}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses indicator IRIs that the catalogue publishes', () => {
    expect(allIndicators.every((i) => i.iri.startsWith(`${clfProfile.id}/indicators/`))).toBe(true);
  });

  it('expands as JSON-LD with the bundled context', async () => {
    const expanded = await expandProfile(clfProfile);
    expect(expanded).toHaveLength(1);
    const profile = expanded[0] as Mutable;
    expect(profile['@id']).toBe('https://w3id.org/xapi/clf');
    expect(profile['@type']).toEqual(['https://w3id.org/xapi/profiles/ontology#Profile']);
    expect(profile['http://purl.org/dc/terms/conformsTo']).toEqual([{ '@id': 'https://w3id.org/xapi/profiles#1.0' }]);
    const templates = profile['https://w3id.org/xapi/profiles/ontology#templates'] as Mutable[];
    expect(templates).toHaveLength(clfProfile.templates.length);
    const evidence = templates.find((t) => t['@id'] === CLF_TEMPLATES.indicatorEvidence)!;
    expect(evidence['https://w3id.org/xapi/profiles/ontology#verb']).toEqual([{ '@id': CLF_VERBS.demonstrated }]);
    const concepts = profile['https://w3id.org/xapi/profiles/ontology#concepts'] as Mutable[];
    expect(concepts).toHaveLength(clfProfile.concepts.length);
    const patterns = profile['https://w3id.org/xapi/profiles/ontology#patterns'] as Mutable[];
    const plan = patterns.find((p) => p['@id'].endsWith('/patterns/learning-plan'))!;
    expect(plan['https://w3id.org/xapi/profiles/ontology#sequence'][0]['@list']).toHaveLength(2);
  });

  it('refuses, loudly, to fetch any other remote context', async () => {
    const other = { ...clone(clfProfile), '@context': 'https://example.org/other-context' };
    await expect(expandProfile(other)).rejects.toThrow();
  });
});

const clf = 'https://w3id.org/xapi/clf';
const v10 = `${clf}/v1.0`;
const v11 = `${clf}/v1.1`;
const templateById = (id: string) => clfProfile.templates.find((t) => t.id === id) as Mutable | undefined;
const conceptById = (id: string) => clfProfile.concepts.find((c) => c.id === id) as Mutable | undefined;
const ruleAt = (template: Mutable, location: string) =>
  template.rules.find((r: Mutable) => r.location === location) as Mutable | undefined;

describe('version 1.1 of the profile', () => {
  it('is the current version, a revision of v1.0, which stays in the version history', () => {
    expect(CLF_PROFILE_VERSION_ID).toBe(v11);
    expect(clfProfile.versions).toEqual([
      { id: v11, wasRevisionOf: [v10], generatedAtTime: expect.any(String) },
      { id: v10, generatedAtTime: '2026-01-15T00:00:00Z' },
    ]);
    expect(Date.parse(clfProfile.versions[0].generatedAtTime)).toBeGreaterThan(
      Date.parse(clfProfile.versions[1].generatedAtTime),
    );
    const nodes = [...clfProfile.concepts, ...clfProfile.templates, ...clfProfile.patterns] as Mutable[];
    expect(new Set(nodes.map((n) => n.inScheme))).toEqual(new Set([v11]));
  });

  // What LMSs rely on: every v1.0 template, with its verb and object type, exactly as v1.0 had it.
  it('keeps every v1.0 template, verb and object type', () => {
    const v10Templates: [string, string, string][] = [
      ['indicator-evidence', 'demonstrated', 'indicator'],
      ['formal-learning', 'completed', 'formal-learning'],
      ['informal-learning', 'completed', 'informal-learning'],
      ['reflective-account', 'reflected', 'reflective-account'],
      ['feedback', 'received-feedback', 'feedback'],
      ['assessment', 'was-assessed', 'assessment'],
      ['learning-need', 'identified-learning-need', 'learning-need'],
      ['learning-plan-item', 'planned', 'learning-plan-item'],
      ['prior-learning', 'had-prior-learning-recognised', 'prior-learning'],
      ['audit-answer', 'answered', 'audit-question'],
      ['audit-indicator-self-assessment', 'self-assessed', 'indicator'],
    ];
    for (const [id, verb, type] of v10Templates) {
      const t = templateById(`${clf}/templates/${id}`);
      expect(t, id).toMatchObject({
        verb: `${clf}/verbs/${verb}`,
        objectActivityType: `${clf}/activity-types/${type}`,
      });
      // Statements that name v1.0 in their category still follow these templates.
      expect(ruleAt(t!, '$.context.contextActivities.category[*].id'), id).toEqual({
        location: '$.context.contextActivities.category[*].id',
        presence: 'recommended',
        any: [v10, v11],
      });
    }
    for (const x of ['evidence-source', 'learning-kind', 'target-stage', 'organisation', 'scqf-credit-points']) {
      expect(conceptById(`${clf}/extensions/${x}`), x).toBeDefined();
    }
  });

  it('has a template for a qualification gained, with its levels and awarding body as rules', () => {
    const t = templateById(CLF_TEMPLATES.qualification)!;
    expect(t).toMatchObject({
      id: `${clf}/templates/qualification`,
      type: 'StatementTemplate',
      allowedSolo: true,
      verb: `${clf}/verbs/gained-qualification`,
      objectActivityType: `${clf}/activity-types/qualification`,
    });
    const rule = (location: string) => ruleAt(t, location);
    const ext = (name: string) => `$.object.definition.extensions['${clf}/extensions/${name}']`;
    expect(rule('$.actor.objectType')).toMatchObject({ none: ['Group'] });
    expect(rule('$.object.definition.name')).toMatchObject({ presence: 'included' });
    expect(rule('$.result.success')).toMatchObject({ presence: 'recommended', none: [false] });
    expect(rule('$.result.duration')).toMatchObject({ presence: 'recommended' });
    expect(rule(ext('scqf-level'))).toMatchObject({
      presence: 'recommended',
      any: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    });
    expect(rule(ext('svq-level'))).toMatchObject({ presence: 'recommended', any: [1, 2, 3, 4, 5] });
    expect(rule(ext('awarding-body'))).toMatchObject({ presence: 'recommended' });
    expect(rule('$.timestamp')).toMatchObject({ presence: 'included' });
    // New in v1.1: a statement following it names v1.1.
    expect(rule('$.context.contextActivities.category[*].id')).toMatchObject({ any: [v11] });
    expect(conceptById(CLF_VERBS.gainedQualification)).toMatchObject({
      type: 'Verb',
      inScheme: v11,
      prefLabel: { en: 'gained qualification' },
    });
    expect(conceptById(CLF_ACTIVITY_TYPES.qualification)).toMatchObject({
      type: 'ActivityType',
      inScheme: v11,
      prefLabel: { en: 'qualification' },
    });
  });

  it('gives a learning plan item a status', () => {
    const t = templateById(CLF_TEMPLATES.learningPlanItem)!;
    expect(ruleAt(t, `$.result.extensions['${clf}/extensions/plan-item-status']`)).toMatchObject({
      presence: 'recommended',
      any: ['planned', 'in-progress', 'completed', 'dropped'],
    });
  });

  it('defines the qualification and plan item extensions as concepts, with schemas that hold their values', () => {
    const ajv = new Ajv();
    const cases: [string, string, Mutable, unknown[], unknown[]][] = [
      [
        'scqf-level',
        'ActivityExtension',
        { recommendedActivityTypes: [CLF_ACTIVITY_TYPES.qualification] },
        [1, 6, 12],
        [0, 13, 6.5, '6'],
      ],
      [
        'svq-level',
        'ActivityExtension',
        { recommendedActivityTypes: [CLF_ACTIVITY_TYPES.qualification] },
        [1, 2, 5],
        [0, 6, '2'],
      ],
      [
        'awarding-body',
        'ActivityExtension',
        { recommendedActivityTypes: [CLF_ACTIVITY_TYPES.qualification] },
        ['SQA'],
        ['', 7],
      ],
      [
        'plan-item-status',
        'ResultExtension',
        { recommendedVerbs: [CLF_VERBS.planned] },
        ['planned', 'in-progress', 'completed', 'dropped'],
        ['agreed', ''],
      ],
    ];
    for (const [name, type, recommended, good, bad] of cases) {
      const c = conceptById(`${clf}/extensions/${name}`)!;
      expect(c, name).toMatchObject({
        type,
        inScheme: v11,
        prefLabel: { en: expect.any(String) },
        definition: { en: expect.any(String) },
        ...recommended,
      });
      const holds = ajv.compile(JSON.parse(c.inlineSchema as string) as object);
      for (const v of good) expect(holds(v), `${name} ${JSON.stringify(v)}`).toBe(true);
      for (const v of bad) expect(holds(v), `${name} ${JSON.stringify(v)}`).toBe(false);
    }
    expect(CLF_EXTENSIONS).toMatchObject({
      scqfLevel: `${clf}/extensions/scqf-level`,
      svqLevel: `${clf}/extensions/svq-level`,
      awardingBody: `${clf}/extensions/awarding-body`,
      planItemStatus: `${clf}/extensions/plan-item-status`,
    });
  });
});

describe('validateProfile catches what the specification forbids', () => {
  const broken = (mutate: (p: Mutable) => void): string[] => {
    const p = clone(clfProfile) as Mutable;
    mutate(p);
    return validateProfile(p);
  };

  it('a missing required property', () => {
    expect(broken((p) => delete p.author).join()).toMatch(/author/);
    expect(broken((p) => delete p.concepts[0].definition).join()).toMatch(/definition/);
    expect(broken((p) => delete p.templates[0].prefLabel).join()).toMatch(/prefLabel/);
  });

  it('an id that is not an IRI', () => {
    expect(broken((p) => (p.concepts[0].id = 'not an iri')).join()).toMatch(/must (match format|match pattern)/);
  });

  it('a template verb that is not in the profile', () => {
    expect(broken((p) => (p.templates[0].verb = 'https://example.org/verbs/x')).join()).toMatch(/not a Verb/);
  });

  it('a pattern member that does not resolve', () => {
    expect(broken((p) => (p.patterns[1].oneOrMore = 'https://example.org/nothing')).join()).toMatch(
      /not a pattern or template/,
    );
  });

  it('a pattern with two or with no composition properties', () => {
    expect(broken((p) => (p.patterns[1].zeroOrMore = p.patterns[1].oneOrMore)).length).toBeGreaterThan(0);
    expect(broken((p) => delete p.patterns[1].oneOrMore).length).toBeGreaterThan(0);
  });

  it('a pattern that refers to itself', () => {
    expect(broken((p) => (p.patterns[3].alternates = [p.patterns[2].id, p.templates[0].id])).join()).toMatch(/itself/);
  });

  it('optional directly inside alternates', () => {
    expect(
      broken((p) => {
        p.patterns[1] = { ...p.patterns[1], optional: p.patterns[1].oneOrMore };
        delete p.patterns[1].oneOrMore;
        p.patterns[3].alternates = [p.patterns[1].id, p.templates[0].id];
      }).join(),
    ).toMatch(/optional or zeroOrMore/);
  });

  it('a rule with no requirement, or a location that is not JSONPath', () => {
    expect(broken((p) => (p.templates[0].rules[0] = { location: '$.verb' })).length).toBeGreaterThan(0);
    expect(broken((p) => (p.templates[0].rules[0].location = 'verb.id')).length).toBeGreaterThan(0);
  });

  it('an inScheme that is not a version of the profile', () => {
    expect(broken((p) => (p.concepts[0].inScheme = 'https://example.org/v9')).join()).toMatch(/inScheme/);
  });

  it('empty values', () => {
    expect(broken((p) => (p.templates[0].rules[0].scopeNote = {})).length).toBeGreaterThan(0);
  });

  it('a later version without wasRevisionOf, or a revision of a version that is not earlier', () => {
    expect(broken((p) => delete p.versions[0].wasRevisionOf).join()).toMatch(
      /v1\.1 succeeds another version but has no wasRevisionOf/,
    );
    expect(broken((p) => (p.versions[1].wasRevisionOf = [p.versions[0].id])).join()).toMatch(
      /v1\.0 is a revision of .*v1\.1, which is not earlier/,
    );
    expect(broken((p) => (p.versions[0].wasRevisionOf = [p.versions[0].id])).join()).toMatch(/revision of itself/);
  });

  it('an extension property its type does not allow', () => {
    expect(
      broken(
        (p) => (p.concepts.find((c: Mutable) => c.type === 'ActivityExtension').recommendedVerbs = [CLF_VERBS.planned]),
      ).length,
    ).toBeGreaterThan(0);
  });

  it('a property that is not a term of the context', () => {
    expect(broken((p) => (p.concepts[0].colour = 'blue')).length).toBeGreaterThan(0);
  });
});
