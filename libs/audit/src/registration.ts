import { auditProjection } from './read-model/audit.projection.js';
import { auditStatementReactor } from './statements/audit-statement.reactor.js';

/**
 * What the composition root (libs/composition) registers for this context besides AuditModule. It has
 * no migrations of its own: every table is the projection's. The reactor comes first: the read model
 * reads what it appends.
 */
export const auditProjections = [auditStatementReactor, auditProjection] as const;
