import type { Migration } from '#libs/database';
import { eventLogProjection, type Projection } from '#libs/projections';
// By file, not '#libs/xapi': the xapi lib imports libs/platform, and this file has no run-time imports.
import { lrsClientMigrations } from '../../xapi/src/lrs/auth/lrs-client.migrations.js';
import { documentsProjection } from '../../xapi/src/lrs/documents/shared/documents.projection.js';
import { activitiesProjection } from '../../xapi/src/lrs/activities/activities.projection.js';
import { agentsProjection } from '../../xapi/src/lrs/agents/agents.projection.js';
import { identityMigrations } from '../../identity/src/identity.migrations.js';
import { statementAttachmentMigrations } from '../../xapi/src/lrs/statements/statement-attachments.migrations.js';
import { statementQueryModelLogMigrations, statementQueryModelMigrations } from '../../xapi/src/lrs/statements/statement-query-model.migrations.js';
import { statementsProjection } from '../../xapi/src/lrs/statements/statements.projection.js';
import { workforceEvidenceReactor } from '../../workforce/src/evidence/clf-statement.reactor.js';
import { workforceProjection } from '../../workforce/src/read-model/workforce.projection.js';
import { clfRejectionsProjection } from '../../workforce/src/clf-conformance/clf-rejections.projection.js';
import { auditProjections } from '../../audit/src/registration.js';

/**
 * The read models every worker keeps, and the reactors (which append events in reaction to others);
 * each domain lib contributes its own. A reactor is listed before the projections that read what it
 * appends, so waiting for the list in order waits for its events too.
 */
export const allProjections: readonly Projection[] = [
  eventLogProjection,
  documentsProjection,
  activitiesProjection,
  agentsProjection,
  statementsProjection,
  workforceEvidenceReactor,
  workforceProjection,
  clfRejectionsProjection,
  ...auditProjections,
];

/** Tables owned by domain libs outside projections (e.g. LRS credentials). */
export const allMigrations: readonly Migration[] = [
  ...lrsClientMigrations,
  ...identityMigrations,
  ...statementAttachmentMigrations,
  ...statementQueryModelMigrations,
];

/** Those that apply only where the log is in the same database (the PostgreSQL event store adapter). */
export const logInDatabaseMigrations: readonly Migration[] = [...statementQueryModelLogMigrations];
