export * from './domain/errors.js';
export * from './domain/events.js';
export { workerIdFor, identifierOf } from './domain/identifiers.js';
export * from './evidence/evidence-kinds.js';
export {
  evidenceFromStatement,
  type EvidenceRecord,
  type StatementMeaning,
} from './evidence/evidence-from-statement.js';
export { buildEvidenceStatement } from './evidence/record-evidence/build-statement.js';
export { platformPrincipal } from './evidence/evidence-statements.service.js';
export {
  evidenceBodySchemas,
  parseEvidence,
  type EvidenceInput,
} from './evidence/record-evidence/record-evidence.input.js';
export { workforceProjection, WORKFORCE_PROJECTION } from './read-model/workforce.projection.js';
export {
  workforceEvidenceReactor,
  WORKFORCE_EVIDENCE_REACTOR,
  reactToStatements,
} from './evidence/clf-statement.reactor.js';
export { reactionTo, decideEvidenceStream, type StatementReaction } from './evidence/statement-reaction.js';
export {
  clfRejectionsProjection,
  CLF_REJECTIONS_PROJECTION,
  REJECTIONS_KEPT_PER_CLIENT,
} from './clf-conformance/clf-rejections.projection.js';
export { WorkforceModule } from './workforce.module.js';
// The stage rule replayed over time: the trends (libs/evaluation) place each worker's stages at year ends with it.
export { stageChanges, type JudgementSpan, type StageChange } from './read-model/stage-history.js';
