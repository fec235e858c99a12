import { z } from 'zod';
import { checkSameShape } from '#libs/platform';
import { STAGE_NAMES, type AuditStructure, type Stage, type StageDescriptor } from '../catalogue/types.js';

// What GET /api/framework, /api/framework/audit and /api/framework/capabilities/:id answer (issue 14 §8):
// the views are typed by these schemas and the OpenAPI document is generated from them.

/** A stage of a capability, and a stage reached (below engaged: not-yet-engaged), as responses name them. */
export const stageNameResponse = z.enum(STAGE_NAMES);
export const stageResponse = z.enum(['not-yet-engaged', ...STAGE_NAMES]);

const indicator = z.object({
  id: z.string(),
  iri: z.string(),
  text: z.string(),
  sourceNote: z.string().optional().describe('Where the source itself is damaged'),
});

export const personalCapabilityResponse = z.object({
  kind: z.literal('personal'),
  id: z.string(),
  iri: z.string(),
  name: z.string(),
  group: z.enum(['managing-self', 'managing-relationships']),
  stages: z.array(z.object({ stage: stageNameResponse, indicators: z.array(indicator) })),
});

export const organisationalCapabilityResponse = z.object({
  kind: z.literal('organisational'),
  id: z.string(),
  iri: z.string(),
  number: z.number().int().describe('1-6'),
  name: z.string(),
  summary: z.string(),
  stages: z.array(
    z.object({
      stage: stageNameResponse,
      organisationIndicators: z.array(indicator),
      workerIndicators: z.array(indicator),
    }),
  ),
});

export const capabilityResponse = z.discriminatedUnion('kind', [
  personalCapabilityResponse,
  organisationalCapabilityResponse,
]);

const stageDescriptor = z.object({
  stage: stageNameResponse,
  label: z.string(),
  personalDescriptor: z.string(),
  organisationalDescriptor: z.string(),
});

export const frameworkResponse = z.object({
  version: z.string(),
  stages: z.array(stageDescriptor),
  personalCapabilities: z.array(personalCapabilityResponse),
  organisationalCapabilities: z.array(organisationalCapabilityResponse),
});

const auditIndicatorItem = z.object({
  indicatorId: z.string(),
  indicatorIri: z.string(),
  text: z.string().describe("The audit tool's wording, which sometimes differs slightly from the indicator's"),
  stage: stageNameResponse,
});

const capabilityAudit = z.object({
  capabilityId: z.string(),
  capabilityIri: z.string(),
  capabilityName: z.string(),
  basis: z
    .enum(['seed-003', 'indicators'])
    .describe("seed-003: laid out by the CLF audit tool; indicators: built from the capability's indicators only"),
  areas: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      introduction: z.string().optional(),
      suggestedEvidence: z.array(z.string()),
      questions: z.array(z.object({ id: z.string(), iri: z.string(), text: z.string() })),
      selfAssessment: z.object({
        id: z.string(),
        title: z.string(),
        instruction: z.string(),
        items: z.array(auditIndicatorItem),
      }),
      staffPerceptions: z.object({ instruction: z.string(), items: z.array(auditIndicatorItem) }),
    }),
  ),
});

const auditStructureShape = {
  review: z.object({ title: z.string(), guidance: z.array(z.string()) }),
  capabilities: z.array(capabilityAudit),
};

export const auditStructureResponse = z.object({ version: z.string(), ...auditStructureShape });

// The catalogue's own types are served as they are: these fail to compile if either side changes alone.
checkSameShape<Stage, z.output<typeof stageResponse>>(true);
checkSameShape<StageDescriptor, z.output<typeof stageDescriptor>>(true);
checkSameShape<AuditStructure, z.output<z.ZodObject<typeof auditStructureShape>>>(true);
