import { auditProjections } from '#libs/audit';
import type { Migration } from '#libs/database';
import { evaluationProjections, trendsMigrations } from '#libs/evaluation';
import { identityMigrations } from '#libs/identity';
import { eventLogProjection, type Projection } from '#libs/projections';
import { clfRejectionsProjection, workforceEvidenceReactor, workforceProjection } from '#libs/workforce';
import {
  activitiesProjection,
  agentsProjection,
  documentsProjection,
  lrsClientMigrations,
  statementAttachmentMigrations,
  statementQueryModelLogMigrations,
  statementQueryModelMigrations,
  statementsProjection,
} from '#libs/xapi';

/**
 * The read models every background process keeps, and the reactors (which append events in reaction to
 * others); each bounded context exports its own from its index. A reactor is listed before the
 * projections that read what it appends, so waiting for the list in order waits for its events too.
 * A new bounded context adds its projections here and its Nest module to apps/api/src/app.module.ts.
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
  ...evaluationProjections,
];

/** Tables owned by bounded contexts outside projections (e.g. LRS credentials). */
export const allMigrations: readonly Migration[] = [
  ...lrsClientMigrations,
  ...identityMigrations,
  ...statementAttachmentMigrations,
  ...statementQueryModelMigrations,
  ...trendsMigrations,
];

/** Those that apply only where the log is in the same database (the PostgreSQL event store adapter). */
export const logInDatabaseMigrations: readonly Migration[] = [...statementQueryModelLogMigrations];
