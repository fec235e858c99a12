import { Global, Module } from '@nestjs/common';
import type pg from 'pg';
import { WORKER_DIRECTORY, type WorkerDirectory } from '#libs/identity';
import { PG_POOL } from '#libs/platform';
import { LrsAuthModule, ORGANISATION_DIRECTORY, type OrganisationDirectory, XapiModule } from '#libs/xapi';
import { ClfConformanceHttpController } from './clf-conformance/clf-conformance.http.controller.js';
import { ClfRejectionsHttpController } from './clf-conformance/clf-rejections.http.controller.js';
import { EvidenceHttpController } from './evidence/evidence.http.controller.js';
import { PendingEvidenceHttpController } from './evidence/pending-evidence.http.controller.js';
import { EvidenceRecorder } from './evidence/record-evidence/record-evidence.service.js';
import { CommandBus } from './http/command-bus.service.js';
import { WorkerAccess } from './http/worker-access.service.js';
import { OrganisationsHttpController } from './organisations/organisations.http.controller.js';
import { WorkerRecordHttpController } from './queries/worker-record.http.controller.js';
import { currentOrganisationsOf, organisationsKnowing } from './queries/workers.query.js';
import { isRegisteredOrganisation } from './organisations/organisation-directory.js';
import { RolesHttpController } from './roles/roles.http.controller.js';
import { SharesHttpController } from './workers/share-record/shares.http.controller.js';
import { WorkersHttpController } from './workers/workers.http.controller.js';

/**
 * Workers' capability record under /api. Global so identity can ask where a worker works
 * (WORKER_DIRECTORY) and the LRS whether an organisation exists (ORGANISATION_DIRECTORY). /api evidence
 * is stored through the LRS's StatementWriter, in-process.
 */
@Global()
@Module({
  // LrsAuthModule: the CLF validation and rejections routes under /xapi take LRS client credentials.
  imports: [XapiModule, LrsAuthModule],
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
  ],
  providers: [
    CommandBus,
    WorkerAccess,
    EvidenceRecorder,
    {
      provide: WORKER_DIRECTORY,
      inject: [PG_POOL],
      useFactory: (pool: pg.Pool): WorkerDirectory => ({
        organisationIdsOf: (workerId) => currentOrganisationsOf(pool, workerId),
        organisationsKnowing: (workerId) => organisationsKnowing(pool, workerId),
      }),
    },
    {
      provide: ORGANISATION_DIRECTORY,
      inject: [CommandBus],
      useFactory: (commands: CommandBus): OrganisationDirectory => ({
        isRegistered: (id) => isRegisteredOrganisation(commands, id),
      }),
    },
  ],
  exports: [WORKER_DIRECTORY, ORGANISATION_DIRECTORY],
})
export class WorkforceModule {}
