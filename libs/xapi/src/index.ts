export * from './statement-model/types.js';
export * from './statement-model/formats/iri.js';
export * from './statement-model/formats/uuid.js';
export * from './statement-model/formats/language-tag.js';
export * from './statement-model/formats/timestamp.js';
export * from './statement-model/formats/duration.js';
export * from './statement-model/validation/issues.js';
export * from './statement-model/validation/statement.js';
export * from './statement-model/helpers/normalise.js';
export * from './statement-model/helpers/agent-ifi.js';
export * from './statement-model/helpers/equivalence.js';
export * from './statement-model/helpers/language.js';
export * from './statement-model/helpers/format.js';
export { XapiModule } from './lrs/xapi.module.js';
export { registerXapiHttp } from './lrs/http/register-xapi-http.js';
export * from './lrs/auth/index.js';
export { StatementWriter } from './lrs/statements/statement-writer.service.js';
export {
  STATEMENT_STORED,
  statementStreamId,
  statementStreamPrefix,
  storedStatement,
  type StatementStoredData,
} from './lrs/statements/statement-events.js';
export { badRequest, isXapiPath, XapiExceptionFilter } from './lrs/http/xapi-errors.js';
export { isUnstorableText, unstorableTextPath } from './lrs/http/json-body.js';
export { statementsProjection } from './lrs/statements/statements.projection.js';
export { statementAttachmentMigrations } from './lrs/statements/statement-attachments.migrations.js';
export {
  ATTACHMENT_CLEANUP_JOB,
  ATTACHMENT_GRACE_MS,
  removeUnusedAttachments,
  type AttachmentCleanupJobData,
  type AttachmentCleanupResult,
} from './lrs/statements/attachment-cleanup.js';
export {
  statementQueryModelMigrations,
  statementQueryModelLogMigrations,
} from './lrs/statements/statement-query-model.migrations.js';
export { documentsProjection } from './lrs/documents/shared/documents.projection.js';
export { activitiesProjection } from './lrs/activities/activities.projection.js';
export { agentsProjection } from './lrs/agents/agents.projection.js';
