import { describe, expect, it } from 'vitest';
import { WorkforceError } from '../../domain/errors.js';
import { EVIDENCE_KINDS, type EvidenceKind } from '../evidence-kinds.js';
import { evidenceBodySchemas, evidenceSchemaName, parseEvidence } from './record-evidence.input.js';

const NOW = new Date('2026-03-01T10:00:00Z');

/** The least each kind takes. */
const MINIMAL: Record<EvidenceKind, Record<string, unknown>> = {
  assessment: { indicatorId: 'pc.flexibility.engaged.1', evidenced: true },
  feedback: { source: 'colleague' },
  'learning-activity': { mode: 'formal', title: 'Moving and handling', hours: 3 },
  'reflective-account': { account: 'What I learned' },
  'learning-need': { title: 'Dementia awareness' },
  'plan-item': { title: 'Shadow a senior' },
  qualification: { title: 'SVQ 3 Social Services and Healthcare' },
  'prior-learning': { title: 'First aid' },
};

const schemas = evidenceBodySchemas() as Record<
  string,
  { required: string[]; properties: Record<string, unknown>; additionalProperties: boolean }
>;

function refusedField(body: Record<string, unknown>): string | undefined {
  try {
    parseEvidence(body, NOW);
    return undefined;
  } catch (error) {
    if (error instanceof WorkforceError) return error.field;
    throw error;
  }
}

describe('the evidence body schemas are the definitions parseEvidence reads with (issue 14 §8)', () => {
  it('one closed schema per kind, whose kind is its own', () => {
    expect(Object.keys(schemas).sort()).toEqual(EVIDENCE_KINDS.map(evidenceSchemaName).sort());
    for (const kind of EVIDENCE_KINDS) {
      const schema = schemas[evidenceSchemaName(kind)]!;
      expect(schema.additionalProperties, kind).toBe(false);
      expect(schema.properties.kind, kind).toEqual({ type: 'string', enum: [kind] });
    }
  });

  it('a minimal body is read; without any one required property it is refused naming that property', () => {
    for (const kind of EVIDENCE_KINDS) {
      const body: Record<string, unknown> = { kind, ...MINIMAL[kind] };
      expect(parseEvidence(body, NOW).kind).toBe(kind);
      for (const required of schemas[evidenceSchemaName(kind)]!.required.filter((name) => name !== 'kind')) {
        const { [required]: _left, ...without } = body;
        expect(refusedField(without), `${kind} without ${required}`).toBe(required);
      }
    }
  });

  it('every documented property is read: a value of the wrong type is refused naming it', () => {
    for (const kind of EVIDENCE_KINDS) {
      for (const name of Object.keys(schemas[evidenceSchemaName(kind)]!.properties)) {
        if (name === 'kind') continue;
        const field = refusedField({ kind, ...MINIMAL[kind], [name]: { not: 'this' } });
        expect(field?.split(/[.[]/)[0], `${kind}.${name}`).toBe(name);
      }
    }
  });
});
