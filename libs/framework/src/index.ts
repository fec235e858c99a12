export * from './catalogue/types.js';
export { CLF_BASE_IRI } from './catalogue/iris.js';
export {
  CATALOGUE_VERSION,
  allIndicators,
  capabilities,
  findCapability,
  findCapabilityByIri,
  findIndicator,
  findIndicatorByIri,
  frameworkCatalogue,
  indicatorsAt,
  indicatorsOf,
  organisationalCapabilities,
  personalCapabilities,
  stages,
  type FrameworkCatalogue,
} from './catalogue/catalogue.js';
export { allAuditQuestions, auditStructure, findCapabilityAudit } from './catalogue/audit.js';
export { compareStages, nextStage, nextStageGap, stageReached, type NextStageGap } from './stage-rule.js';
export { clfProfile, type ClfProfile } from './profile/clf-profile.js';
export * from './profile/vocabulary.js';
export { expandProfile, validateProfile } from './profile/validate-profile.js';
export {
  checkAgainstClfTemplates,
  validateClfStatement,
  type BrokenRule,
  type TemplateCheck,
} from './profile/validate-statement.js';
export {
  checkClfStatement,
  clfVocabularyIn,
  isClfIri,
  type ClfCheckOutcome,
  type ClfSender,
  type ClfStatementCheck,
} from './conformance/check-clf-statement.js';
export {
  durationToSeconds,
  isAuditStatement,
  recogniseStatement,
  type ClfFact,
  type ClfFactKind,
  type XapiActor,
} from './recognition/recognise-statement.js';
export { FrameworkHttpModule } from './http/framework-http.module.js';
export { stageNameResponse, stageResponse } from './http/framework.response.js';
export type { FrameworkView, OrganisationalCapabilityView, PersonalCapabilityView } from './http/framework-view.js';
