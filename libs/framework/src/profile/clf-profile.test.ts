import { describe, expect, it } from 'vitest';
import { allIndicators } from '../catalogue/catalogue.js';
import { clfProfile } from './clf-profile.js';
import { expandProfile, validateProfile } from './validate-profile.js';
import { CLF_ACTIVITY_TYPES, CLF_EXTENSIONS, CLF_TEMPLATES, CLF_VERBS } from './vocabulary.js';

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
    for (const id of [...Object.values(CLF_VERBS), ...Object.values(CLF_ACTIVITY_TYPES), ...Object.values(CLF_EXTENSIONS)]) {
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
    expect(broken((p) => (p.patterns[1].oneOrMore = 'https://example.org/nothing')).join()).toMatch(/not a pattern or template/);
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

  it('a property that is not a term of the context', () => {
    expect(broken((p) => (p.concepts[0].colour = 'blue')).length).toBeGreaterThan(0);
  });
});
