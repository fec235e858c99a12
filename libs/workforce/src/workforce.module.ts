import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type pg from 'pg';
import { WORKER_DIRECTORY, type WorkerDirectory } from '#libs/identity';
import { PG_POOL } from '#libs/platform';
import { LrsAuthModule, ORGANISATION_DIRECTORY, type OrganisationDirectory, XapiModule } from '#libs/xapi';
import { ClfConformanceHttpController } from './clf-conformance/clf-conformance.http.controller.js';
import { ClfRejectionsHttpController } from './clf-conformance/clf-rejections.http.controller.js';
import { AcceptEvidenceHandler } from './evidence/accept-evidence/accept-evidence.handler.js';
import { EvidenceStatements } from './evidence/evidence-statements.service.js';
import { EvidenceHttpController } from './evidence/evidence.http.controller.js';
import { PendingEvidenceHttpController } from './evidence/pending-evidence.http.controller.js';
import { RecordEvidenceHandler } from './evidence/record-evidence/record-evidence.handler.js';
import { WithdrawEvidenceHandler } from './evidence/withdraw-evidence/withdraw-evidence.handler.js';
import { WorkerAccess } from './http/worker-access.service.js';
import { ChangeOrganisationDetailsHandler } from './organisations/change-organisation-details/change-organisation-details.handler.js';
import { isRegisteredOrganisation } from './organisations/organisation-directory.js';
import { OrganisationsHttpController } from './organisations/organisations.http.controller.js';
import { RegisterOrganisationHandler } from './organisations/register-organisation/register-organisation.handler.js';
import { FindWorkersHandler } from './queries/find-workers/find-workers.handler.js';
import { GetCapabilityProfileHandler } from './queries/get-capability-profile/get-capability-profile.handler.js';
import { GetCapabilitySummaryHandler } from './queries/get-capability-summary/get-capability-summary.handler.js';
import { GetEvidenceExportHandler } from './queries/get-evidence-export/get-evidence-export.handler.js';
import { GetJobRoleHandler } from './queries/get-job-role/get-job-role.handler.js';
import { GetOrganisationStaffHandler } from './queries/get-organisation-staff/get-organisation-staff.handler.js';
import { GetRoleGapHandler } from './queries/get-role-gap/get-role-gap.handler.js';
import { GetRoleOrganisationHandler } from './queries/get-role-organisation/get-role-organisation.handler.js';
import { GetStageHistoryHandler } from './queries/get-stage-history/get-stage-history.handler.js';
import { GetTeamHandler } from './queries/get-team/get-team.handler.js';
import { GetTimelineHandler } from './queries/get-timeline/get-timeline.handler.js';
import { ListClientClfRejectionsHandler } from './queries/list-client-clf-rejections/list-client-clf-rejections.handler.js';
import { ListInvitationsHandler } from './queries/list-invitations/list-invitations.handler.js';
import { ListOrganisationClfRejectionsHandler } from './queries/list-organisation-clf-rejections/list-organisation-clf-rejections.handler.js';
import { ListOrganisationRolesHandler } from './queries/list-organisation-roles/list-organisation-roles.handler.js';
import { ListOrganisationsHandler } from './queries/list-organisations/list-organisations.handler.js';
import { ListPendingEvidenceHandler } from './queries/list-pending-evidence/list-pending-evidence.handler.js';
import { ListWorkersFromStatementsHandler } from './queries/list-workers-from-statements/list-workers-from-statements.handler.js';
import { ListSharesHandler } from './queries/list-shares/list-shares.handler.js';
import { WorkerRecordHttpController } from './queries/worker-record.http.controller.js';
import { currentOrganisationsOf, organisationsKnowing } from './read-model/workers.js';
import { organisationNames } from './read-model/organisations.js';
import { ChangeRoleRequirementsHandler } from './roles/change-role-requirements/change-role-requirements.handler.js';
import { DefineRoleHandler } from './roles/define-role/define-role.handler.js';
import { RolesHttpController } from './roles/roles.http.controller.js';
import { WorkforceStreams } from './shared/workforce-streams.service.js';
import { AcceptInvitationHandler } from './workers/accept-invitation/accept-invitation.handler.js';
import { AddIdentifierHandler } from './workers/add-identifier/add-identifier.handler.js';
import { AssignRoleHandler } from './workers/assign-role/assign-role.handler.js';
import { DeclineInvitationHandler } from './workers/decline-invitation/decline-invitation.handler.js';
import { EndRoleAssignmentHandler } from './workers/end-role-assignment/end-role-assignment.handler.js';
import { JoinOrganisationHandler } from './workers/join-organisation/join-organisation.handler.js';
import { LeaveOrganisationHandler } from './workers/leave-organisation/leave-organisation.handler.js';
import { ImportStaffHandler } from './workers/import-staff/import-staff.handler.js';
import { StaffImportHttpController } from './workers/import-staff/staff-import.http.controller.js';
import { MovesHttpController } from './workers/record-moves/moves.http.controller.js';
import { RecordMovesHandler } from './workers/record-moves/record-moves.handler.js';
import { RegisterWorkerHandler } from './workers/register-worker/register-worker.handler.js';
import { ShareRecordHandler } from './workers/share-record/share-record.handler.js';
import { SharesHttpController } from './workers/share-record/shares.http.controller.js';
import { MergeWorkerFromStatementHandler } from './workers/merge-worker-from-statement/merge-worker-from-statement.handler.js';
import { ReviewWorkerFromStatementHandler } from './workers/review-worker-from-statement/review-worker-from-statement.handler.js';
import { WorkersFromStatementsHttpController } from './workers/review-worker-from-statement/workers-from-statements.http.controller.js';
import { WithdrawShareHandler } from './workers/withdraw-share/withdraw-share.handler.js';
import { WorkersHttpController } from './workers/workers.http.controller.js';

const COMMAND_HANDLERS = [
  RegisterOrganisationHandler,
  ChangeOrganisationDetailsHandler,
  DefineRoleHandler,
  ChangeRoleRequirementsHandler,
  RegisterWorkerHandler,
  ImportStaffHandler,
  RecordMovesHandler,
  AddIdentifierHandler,
  JoinOrganisationHandler,
  AcceptInvitationHandler,
  DeclineInvitationHandler,
  LeaveOrganisationHandler,
  AssignRoleHandler,
  EndRoleAssignmentHandler,
  ShareRecordHandler,
  WithdrawShareHandler,
  RecordEvidenceHandler,
  WithdrawEvidenceHandler,
  AcceptEvidenceHandler,
  ReviewWorkerFromStatementHandler,
  MergeWorkerFromStatementHandler,
];

const QUERY_HANDLERS = [
  ListOrganisationsHandler,
  ListOrganisationRolesHandler,
  GetOrganisationStaffHandler,
  GetCapabilitySummaryHandler,
  GetTeamHandler,
  GetJobRoleHandler,
  GetRoleOrganisationHandler,
  FindWorkersHandler,
  ListInvitationsHandler,
  ListSharesHandler,
  ListPendingEvidenceHandler,
  GetCapabilityProfileHandler,
  GetStageHistoryHandler,
  GetTimelineHandler,
  GetRoleGapHandler,
  GetEvidenceExportHandler,
  ListClientClfRejectionsHandler,
  ListOrganisationClfRejectionsHandler,
  ListWorkersFromStatementsHandler,
];

/**
 * Workers' capability record under /api. Global so identity can ask where a worker works
 * (WORKER_DIRECTORY) and the LRS whether an organisation exists (ORGANISATION_DIRECTORY). /api evidence
 * is stored through the LRS's StatementWriter, in-process.
 */
@Global()
@Module({
  // LrsAuthModule: the CLF validation and rejections routes under /xapi take LRS client credentials.
  // CqrsModule.forRoot is idempotent here: the composition root and other contexts may import it too.
  imports: [CqrsModule.forRoot(), XapiModule, LrsAuthModule],
  controllers: [
    OrganisationsHttpController,
    RolesHttpController,
    WorkersHttpController,
    SharesHttpController,
    EvidenceHttpController,
    PendingEvidenceHttpController,
    WorkerRecordHttpController,
    ClfConformanceHttpController,
    ClfRejectionsHttpController,
    WorkersFromStatementsHttpController,
    StaffImportHttpController,
    MovesHttpController,
  ],
  providers: [
    WorkforceStreams,
    WorkerAccess,
    EvidenceStatements,
    ...COMMAND_HANDLERS,
    ...QUERY_HANDLERS,
    {
      provide: WORKER_DIRECTORY,
      inject: [PG_POOL],
      useFactory: (pool: pg.Pool): WorkerDirectory => ({
        organisationIdsOf: (workerId) => currentOrganisationsOf(pool, workerId),
        organisationsKnowing: (workerId) => organisationsKnowing(pool, workerId),
        organisationNames: (organisationIds) => organisationNames(pool, organisationIds),
      }),
    },
    {
      provide: ORGANISATION_DIRECTORY,
      inject: [WorkforceStreams],
      useFactory: (streams: WorkforceStreams): OrganisationDirectory => ({
        isRegistered: (id) => isRegisteredOrganisation(streams, id),
      }),
    },
  ],
  exports: [WORKER_DIRECTORY, ORGANISATION_DIRECTORY],
})
export class WorkforceModule {}
