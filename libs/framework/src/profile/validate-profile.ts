import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import jsonld from 'jsonld';
import {
  DOCUMENT_RESOURCE_TYPES,
  EXTENSION_TYPES,
  PATTERN_KEYS,
  profileSchema,
  XAPI_PROFILES_CONTEXT_IRI,
} from './profile-schema.js';
import { XAPI_PROFILES_CONTEXT_DOCUMENT } from './xapi-profiles-context.js';

// ajv-formats is CommonJS with a default export; under nodenext its plugin function is on `.default`.
const addFormats = addFormatsModule.default;

type Json = unknown;
interface Node {
  readonly id: string;
  readonly type: string;
  readonly [key: string]: Json;
}

/**
 * Terms the xAPI Profiles 1.0 specification defines but its normative JSON-LD context omits; JSON-LD processors
 * drop them on expansion. They are allowed rather than reported.
 */
export const TERMS_MISSING_FROM_NORMATIVE_CONTEXT: readonly string[] = ['allowedSolo'];

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(profileSchema);

const contextTerms = new Set(Object.keys(XAPI_PROFILES_CONTEXT_DOCUMENT['@context']));

/** Checks a profile document against the xAPI Profiles 1.0 rules; returns the problems found (none when valid). */
export function validateProfile(profile: Json): string[] {
  if (!validateSchema(profile)) {
    return (validateSchema.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''}`.trim());
  }
  const doc = profile as {
    id: string;
    versions: Version[];
    concepts?: Node[];
    templates?: Node[];
    patterns?: Node[];
  };
  return [
    ...emptyValues(profile, ''),
    ...unknownTerms(doc),
    ...identity(doc),
    ...versionHistory(doc.versions),
    ...conceptReferences(doc.concepts ?? []),
    ...templateReferences(doc.templates ?? [], doc.concepts ?? []),
    ...patternReferences(doc.patterns ?? [], doc.templates ?? []),
    ...inlineSchemas(doc.concepts ?? []),
    ...ruleLocations(doc.templates ?? []),
  ];
}

function emptyValues(value: Json, path: string): string[] {
  if (value === null) return [`${path}: null is not allowed`];
  if (value === '') return [`${path}: empty string is not allowed`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${path}: empty array is not allowed`];
    return value.flatMap((v, i) => emptyValues(v, `${path}/${i}`));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as object);
    if (entries.length === 0) return [`${path}: empty object is not allowed`];
    return entries.flatMap(([k, v]) => emptyValues(v, `${path}/${k}`));
  }
  return [];
}

/** Properties not in the context would silently vanish from the JSON-LD meaning of the profile. */
function unknownTerms(doc: { concepts?: Node[]; templates?: Node[]; patterns?: Node[] }): string[] {
  const objects: [string, object][] = [['profile', doc]];
  for (const c of doc.concepts ?? []) objects.push([c.id, c]);
  for (const p of doc.patterns ?? []) objects.push([p.id, p]);
  for (const t of doc.templates ?? []) {
    objects.push([t.id, t]);
    for (const r of (t.rules as object[] | undefined) ?? []) objects.push([`${t.id} rule`, r]);
  }
  return objects.flatMap(([where, o]) =>
    Object.keys(o)
      .filter((k) => !k.startsWith('@') && !k.includes(':'))
      .filter((k) => !contextTerms.has(k) && !TERMS_MISSING_FROM_NORMATIVE_CONTEXT.includes(k))
      .map((k) => `${where}: property ${k} is not a term of the xAPI Profiles context`),
  );
}

interface Version {
  id: string;
  wasRevisionOf?: string[];
  generatedAtTime: string;
}

/**
 * "wasRevisionOf MUST be used with all versions that succeed other profile versions": every version but the
 * first needs it, and a version of this profile it names must be another, earlier one.
 */
function versionHistory(versions: Version[]): string[] {
  const problems: string[] = [];
  const generated = new Map(versions.map((v) => [v.id, Date.parse(v.generatedAtTime)]));
  const first = Math.min(...generated.values());
  for (const v of versions) {
    const at = generated.get(v.id)!;
    if (!v.wasRevisionOf) {
      if (versions.length > 1 && at !== first)
        problems.push(`versions: ${v.id} succeeds another version but has no wasRevisionOf`);
      continue;
    }
    for (const earlier of v.wasRevisionOf) {
      if (earlier === v.id) problems.push(`versions: ${v.id} is a revision of itself`);
      else if (generated.has(earlier) && generated.get(earlier)! >= at)
        problems.push(`versions: ${v.id} is a revision of ${earlier}, which is not earlier`);
    }
  }
  return problems;
}

function identity(doc: {
  id: string;
  versions: { id: string }[];
  concepts?: Node[];
  templates?: Node[];
  patterns?: Node[];
}): string[] {
  const problems: string[] = [];
  const versionIds = new Set(doc.versions.map((v) => v.id));
  if (versionIds.size !== doc.versions.length) problems.push('versions: ids are not unique');
  if (versionIds.has(doc.id)) problems.push('versions: a version id equals the profile id');
  const all = [...(doc.concepts ?? []), ...(doc.templates ?? []), ...(doc.patterns ?? [])];
  const seen = new Set<string>();
  for (const node of all) {
    if (seen.has(node.id)) problems.push(`${node.id}: id is used twice`);
    seen.add(node.id);
    if (!versionIds.has(node.inScheme as string))
      problems.push(`${node.id}: inScheme is not a version of this profile`);
  }
  return problems;
}

function conceptReferences(concepts: Node[]): string[] {
  const typeOf = new Map(concepts.map((c) => [c.id, c.type]));
  const problems: string[] = [];
  const expect = (owner: Node, key: string, types: readonly string[]) => {
    for (const ref of (owner[key] as string[] | undefined) ?? []) {
      if (!types.includes(typeOf.get(ref) ?? '')) {
        problems.push(`${owner.id}: ${key} ${ref} is not a ${types.join(' or ')} of this profile`);
      }
    }
  };
  for (const c of concepts) {
    for (const key of ['broader', 'narrower', 'related']) expect(c, key, [c.type]);
    if ((EXTENSION_TYPES as readonly string[]).includes(c.type)) {
      expect(c, 'recommendedVerbs', ['Verb']);
      expect(c, 'recommendedActivityTypes', ['ActivityType']);
    }
  }
  return problems;
}

function templateReferences(templates: Node[], concepts: Node[]): string[] {
  const typeOf = new Map(concepts.map((c) => [c.id, c.type]));
  const templateIds = new Set(templates.map((t) => t.id));
  const problems: string[] = [];
  const refs = (t: Node, key: string): string[] => {
    const v = t[key];
    return v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string];
  };
  const expectConcept = (t: Node, key: string, type: string) => {
    for (const ref of refs(t, key)) {
      if (typeOf.get(ref) !== type) problems.push(`${t.id}: ${key} ${ref} is not a ${type} of this profile`);
    }
  };
  for (const t of templates) {
    expectConcept(t, 'verb', 'Verb');
    for (const key of [
      'objectActivityType',
      'contextGroupingActivityType',
      'contextParentActivityType',
      'contextOtherActivityType',
      'contextCategoryActivityType',
    ]) {
      expectConcept(t, key, 'ActivityType');
    }
    expectConcept(t, 'attachmentUsageType', 'AttachmentUsageType');
    for (const key of ['objectStatementRefTemplate', 'contextStatementRefTemplate']) {
      for (const ref of refs(t, key))
        if (!templateIds.has(ref)) problems.push(`${t.id}: ${key} ${ref} is not a template of this profile`);
    }
  }
  return problems;
}

function patternMembers(p: Node): string[] {
  return PATTERN_KEYS.flatMap((key) => {
    const v = p[key];
    return v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string];
  });
}

function patternReferences(patterns: Node[], templates: Node[]): string[] {
  const byId = new Map(patterns.map((p) => [p.id, p]));
  const templateIds = new Set(templates.map((t) => t.id));
  const problems: string[] = [];
  for (const p of patterns) {
    for (const ref of patternMembers(p)) {
      if (!byId.has(ref) && !templateIds.has(ref))
        problems.push(`${p.id}: ${ref} is not a pattern or template of this profile`);
    }
    for (const ref of (p.alternates as string[] | undefined) ?? []) {
      const member = byId.get(ref);
      if (member && (member.optional !== undefined || member.zeroOrMore !== undefined)) {
        problems.push(`${p.id}: alternates must not directly contain optional or zeroOrMore pattern ${ref}`);
      }
    }
    if (reaches(p.id, p.id, byId, new Set())) problems.push(`${p.id}: pattern refers to itself`);
  }
  return problems;
}

function reaches(target: string, from: string, byId: Map<string, Node>, visited: Set<string>): boolean {
  const node = byId.get(from);
  if (!node) return false;
  for (const ref of patternMembers(node)) {
    if (ref === target) return true;
    if (visited.has(ref)) continue;
    visited.add(ref);
    if (reaches(target, ref, byId, visited)) return true;
  }
  return false;
}

function inlineSchemas(concepts: Node[]): string[] {
  return concepts
    .filter(
      (c) => [...EXTENSION_TYPES, ...DOCUMENT_RESOURCE_TYPES].includes(c.type as never) && c.inlineSchema !== undefined,
    )
    .flatMap((c) => {
      try {
        ajv.compile(JSON.parse(c.inlineSchema as string) as object);
        return [];
      } catch (e) {
        return [`${c.id}: inlineSchema is not a legal JSON Schema (${(e as Error).message})`];
      }
    });
}

// The specification's JSONPath subset: no filter or script expressions.
function ruleLocations(templates: Node[]): string[] {
  return templates.flatMap((t) =>
    ((t.rules as { location: string; selector?: string }[] | undefined) ?? []).flatMap((r) =>
      [r.location, r.selector]
        .filter((path): path is string => path !== undefined && /\?\(|\[\(/.test(path))
        .map((path) => `${t.id}: JSONPath ${path} uses a filter or script expression`),
    ),
  );
}

/**
 * Expands a profile as JSON-LD with the bundled xAPI Profiles context. Any other remote document is refused,
 * loudly, rather than fetched: validation must not depend on the network.
 */
export async function expandProfile(profile: object): Promise<object[]> {
  const documentLoader = async (url: string) => {
    if (url === XAPI_PROFILES_CONTEXT_IRI) {
      return { contextUrl: undefined, documentUrl: url, document: XAPI_PROFILES_CONTEXT_DOCUMENT };
    }
    throw new Error(`expandProfile: refusing to fetch ${url}; only the bundled xAPI Profiles context is available`);
  };
  return (await jsonld.expand(
    profile as jsonld.JsonLdDocument,
    { documentLoader } as jsonld.Options.Expand,
  )) as object[];
}
