// JSON Schema (draft-07) for the properties the xAPI Profiles 1.0 specification requires or allows on each
// object of a profile. Cross-object rules (references, cycles) are checked in validate-profile.ts.

// Absolute IRI: a scheme, then no whitespace or characters RFC 3987 excludes (ajv has no 'iri' format).
const iri = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>"{}|\\\\^`]+$' } as const;
const iriArray = { type: 'array', minItems: 1, items: iri } as const;
const languageMap = {
  type: 'object',
  minProperties: 1,
  propertyNames: { pattern: '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$' },
  additionalProperties: { type: 'string', minLength: 1 },
} as const;
const conceptBase = {
  id: iri,
  type: { type: 'string' },
  inScheme: iri,
  prefLabel: languageMap,
  definition: languageMap,
  deprecated: { type: 'boolean' },
} as const;
const jsonPath = { type: 'string', pattern: '^\\$' } as const;

const byType = (types: readonly string[], then: object) => ({
  if: { properties: { type: { enum: types } }, required: ['type'] },
  then,
});

export const SEMANTIC_CONCEPT_TYPES = ['Verb', 'ActivityType', 'AttachmentUsageType'] as const;
export const EXTENSION_TYPES = ['ContextExtension', 'ResultExtension', 'ActivityExtension'] as const;
export const DOCUMENT_RESOURCE_TYPES = ['StateResource', 'AgentProfileResource', 'ActivityProfileResource'] as const;

const concept = {
  type: 'object',
  required: ['id', 'type', 'inScheme'],
  properties: {
    type: { enum: [...SEMANTIC_CONCEPT_TYPES, ...EXTENSION_TYPES, ...DOCUMENT_RESOURCE_TYPES, 'Activity'] },
  },
  allOf: [
    byType(SEMANTIC_CONCEPT_TYPES, {
      required: ['prefLabel', 'definition'],
      properties: {
        ...conceptBase,
        broader: iriArray,
        broadMatch: iriArray,
        narrower: iriArray,
        narrowMatch: iriArray,
        related: iriArray,
        relatedMatch: iriArray,
        exactMatch: iriArray,
      },
      additionalProperties: false,
      // related is only for deprecated concepts, to point at replacements.
      dependencies: { related: { properties: { deprecated: { const: true } }, required: ['deprecated'] } },
    }),
    byType(EXTENSION_TYPES, {
      required: ['prefLabel', 'definition'],
      properties: {
        ...conceptBase,
        recommendedActivityTypes: iriArray,
        recommendedVerbs: iriArray,
        context: iri,
        schema: iri,
        inlineSchema: { type: 'string', minLength: 1 },
      },
      additionalProperties: false,
      not: { required: ['schema', 'inlineSchema'] },
    }),
    byType(['ActivityExtension'], { not: { required: ['recommendedVerbs'] } }),
    byType(['ContextExtension', 'ResultExtension'], { not: { required: ['recommendedActivityTypes'] } }),
    byType(DOCUMENT_RESOURCE_TYPES, {
      required: ['prefLabel', 'definition', 'contentType'],
      properties: {
        ...conceptBase,
        contentType: { type: 'string', minLength: 1 },
        context: iri,
        schema: iri,
        inlineSchema: { type: 'string', minLength: 1 },
      },
      additionalProperties: false,
      not: { required: ['schema', 'inlineSchema'] },
    }),
    byType(['Activity'], {
      required: ['activityDefinition'],
      properties: {
        id: iri,
        type: { const: 'Activity' },
        inScheme: iri,
        deprecated: { type: 'boolean' },
        activityDefinition: { type: 'object', required: ['@context'] },
      },
      additionalProperties: false,
    }),
  ],
} as const;

const rule = {
  type: 'object',
  required: ['location'],
  properties: {
    location: jsonPath,
    selector: jsonPath,
    presence: { enum: ['included', 'excluded', 'recommended'] },
    any: { type: 'array', minItems: 1 },
    all: { type: 'array', minItems: 1 },
    none: { type: 'array', minItems: 1 },
    scopeNote: languageMap,
  },
  additionalProperties: false,
  anyOf: [{ required: ['presence'] }, { required: ['any'] }, { required: ['all'] }, { required: ['none'] }],
} as const;

const template = {
  type: 'object',
  required: ['id', 'type', 'inScheme', 'prefLabel', 'definition'],
  properties: {
    ...conceptBase,
    type: { const: 'StatementTemplate' },
    allowedSolo: { type: 'boolean' },
    verb: iri,
    objectActivityType: iri,
    contextGroupingActivityType: iriArray,
    contextParentActivityType: iriArray,
    contextOtherActivityType: iriArray,
    contextCategoryActivityType: iriArray,
    attachmentUsageType: iriArray,
    objectStatementRefTemplate: iriArray,
    contextStatementRefTemplate: iriArray,
    rules: { type: 'array', minItems: 1, items: rule },
  },
  additionalProperties: false,
  not: { required: ['objectActivityType', 'objectStatementRefTemplate'] },
} as const;

export const PATTERN_KEYS = ['alternates', 'optional', 'oneOrMore', 'sequence', 'zeroOrMore'] as const;

const pattern = {
  type: 'object',
  required: ['id', 'type', 'inScheme'],
  properties: {
    id: iri,
    type: { const: 'Pattern' },
    inScheme: iri,
    primary: { type: 'boolean' },
    prefLabel: languageMap,
    definition: languageMap,
    deprecated: { type: 'boolean' },
    alternates: { type: 'array', minItems: 2, items: iri },
    optional: iri,
    oneOrMore: iri,
    sequence: { type: 'array', minItems: 2, items: iri },
    zeroOrMore: iri,
  },
  additionalProperties: false,
  oneOf: PATTERN_KEYS.map((key) => ({ required: [key] })),
  if: { properties: { primary: { const: true } }, required: ['primary'] },
  then: { required: ['prefLabel', 'definition'] },
} as const;

export const XAPI_PROFILES_CONTEXT_IRI = 'https://w3id.org/xapi/profiles/context';

export const profileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['@context', 'id', 'type', 'conformsTo', 'prefLabel', 'definition', 'versions', 'author'],
  properties: {
    '@context': {
      anyOf: [{ const: XAPI_PROFILES_CONTEXT_IRI }, { type: 'array', contains: { const: XAPI_PROFILES_CONTEXT_IRI } }],
    },
    id: iri,
    type: { const: 'Profile' },
    conformsTo: { type: 'string', format: 'uri' },
    prefLabel: languageMap,
    definition: languageMap,
    seeAlso: { type: 'string', format: 'uri' },
    versions: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'generatedAtTime'],
        properties: { id: iri, wasRevisionOf: iriArray, generatedAtTime: { type: 'string', format: 'date-time' } },
        additionalProperties: false,
      },
    },
    author: {
      type: 'object',
      required: ['type', 'name'],
      properties: {
        type: { enum: ['Organization', 'Person'] },
        name: { type: 'string', minLength: 1 },
        url: { type: 'string', format: 'uri' },
      },
      additionalProperties: false,
    },
    concepts: { type: 'array', minItems: 1, items: concept },
    templates: { type: 'array', minItems: 1, items: template },
    patterns: { type: 'array', minItems: 1, items: pattern },
  },
  additionalProperties: false,
} as const;
