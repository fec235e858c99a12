import {
  auditReviewSource,
  capabilityOneAuditAreas,
  capabilityOneAuditCapabilitySlug,
  staffSurveyInstruction,
} from './audit-source.js';
import { findIndicator, organisationalCapabilities } from './catalogue.js';
import { auditQuestionId, auditQuestionIri, organisationalCapabilityId } from './iris.js';
import type {
  AuditArea,
  AuditIndicatorItem,
  AuditStructure,
  CapabilityAudit,
  Indicator,
  OrganisationalCapability,
} from './types.js';

function indicatorItem(indicator: Indicator, text = indicator.text): AuditIndicatorItem {
  return { indicatorId: indicator.id, indicatorIri: indicator.iri, text, stage: indicator.stage };
}

function resolve(capabilityId: string, ref: string): Indicator {
  const indicator = findIndicator(`${capabilityId}.${ref}`);
  // The audit data names indicators by hand; a bad reference must stop the process rather than serve a hole.
  if (!indicator) throw new Error(`audit refers to unknown indicator ${capabilityId}.${ref}`);
  return indicator;
}

function capabilityOneAudit(capability: OrganisationalCapability): CapabilityAudit {
  const slug = capabilityOneAuditCapabilitySlug;
  const areas: AuditArea[] = capabilityOneAuditAreas.map((area) => ({
    id: `${capability.id}.audit.${area.key}`,
    title: area.title,
    introduction: area.introduction,
    suggestedEvidence: area.suggestedEvidence,
    questions: area.questions.map((text, i) => ({
      id: auditQuestionId(slug, area.key, i + 1),
      iri: auditQuestionIri(slug, area.key, i + 1),
      text,
    })),
    selfAssessment: {
      id: `${capability.id}.audit.self-assessment-${area.selfAssessment.key.toLowerCase()}`,
      title: `Self Assessment ${area.selfAssessment.key}: ${area.selfAssessment.title}`,
      instruction: area.selfAssessment.instruction,
      items: area.selfAssessment.items.map((item) => indicatorItem(resolve(capability.id, item.indicator), item.text)),
    },
    staffPerceptions: {
      instruction: area.staffPerceptions.instruction,
      items: area.staffPerceptions.items.map((item) =>
        indicatorItem(resolve(capability.id, item.indicator), item.text),
      ),
    },
  }));
  return {
    capabilityId: capability.id,
    capabilityIri: capability.iri,
    capabilityName: capability.name,
    basis: 'seed-003',
    areas,
  };
}

/**
 * Seed 003 only covers capability 1. For the others the same structure is built from the capability's own
 * indicators, with no areas for reflection questions or evidence suggestions: the sources have none.
 */
function indicatorOnlyAudit(capability: OrganisationalCapability): CapabilityAudit {
  const area: AuditArea = {
    id: `${capability.id}.audit.indicators`,
    title: capability.name,
    suggestedEvidence: [],
    questions: [],
    selfAssessment: {
      id: `${capability.id}.audit.self-assessment`,
      title: `Self Assessment ${capability.number}: ${capability.name}`,
      instruction:
        'Use the chart below to self-assess whether or not your organisation can evidence the following indicators from the CLF.',
      items: capability.stages.flatMap((s) => s.organisationIndicators.map((i) => indicatorItem(i))),
    },
    staffPerceptions: {
      instruction: staffSurveyInstruction,
      items: capability.stages.flatMap((s) => s.workerIndicators.map((i) => indicatorItem(i))),
    },
  };
  return {
    capabilityId: capability.id,
    capabilityIri: capability.iri,
    capabilityName: capability.name,
    basis: 'indicators',
    areas: [area],
  };
}

export const auditStructure: AuditStructure = {
  review: { title: auditReviewSource.title, guidance: auditReviewSource.guidance },
  capabilities: organisationalCapabilities.map((capability) =>
    capability.id === organisationalCapabilityId(capabilityOneAuditCapabilitySlug)
      ? capabilityOneAudit(capability)
      : indicatorOnlyAudit(capability),
  ),
};

export const findCapabilityAudit = (capabilityId: string): CapabilityAudit | undefined =>
  auditStructure.capabilities.find((c) => c.capabilityId === capabilityId);

/** Every audit question of every capability, for resolving the IRIs audit-answer statements carry. */
export const allAuditQuestions = auditStructure.capabilities.flatMap((c) =>
  c.areas.flatMap((a) => a.questions.map((q) => ({ ...q, capabilityId: c.capabilityId, areaId: a.id }))),
);
