export * from './domain/errors.js';
export * from './domain/events.js';
export { workerIdFor, identifierOf } from './domain/identifiers.js';
export * from './evidence/evidence-kinds.js';
export { evidenceFromStatement, type EvidenceRecord, type StatementMeaning } from './evidence/evidence-from-statement.js';
export { buildEvidenceStatement } from './evidence/record-evidence/build-statement.js';
export { parseEvidence, type EvidenceInput } from './evidence/record-evidence/record-evidence.input.js';
export { workforceProjection, WORKFORCE_PROJECTION } from './read-model/workforce.projection.js';
export { WorkforceModule } from './workforce.module.js';
