import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '#libs/config';
import { APP_CONFIG } from '#libs/platform';
import { ListLrsClientsHandler } from './list-lrs-clients/list-lrs-clients.handler.js';
import { ListOrganisationLrsClientsHandler } from './list-organisation-lrs-clients/list-organisation-lrs-clients.handler.js';
import { LrsAuthGuard } from './lrs-auth.guard.js';
import { LrsClientsHttpController } from './lrs-clients.http.controller.js';
import { LrsClientsService } from './lrs-clients.service.js';
import { OrganisationLrsClientsHttpController } from './organisation-lrs-clients.http.controller.js';
import { RegisterLrsClientHandler } from './register-lrs-client/register-lrs-client.handler.js';
import { RevokeLrsClientHandler } from './revoke-lrs-client/revoke-lrs-client.handler.js';

/**
 * LRS credentials: the Basic guard for /xapi, the client store (commands and queries), its admin API and each
 * organisation's own routes for its learning lead. Every module whose
 * controllers use `LrsAuthGuard` imports this module.
 */
@Module({
  // forRoot is idempotent for Nest's purposes here: the composition root and other contexts may import it too.
  imports: [CqrsModule.forRoot()],
  controllers: [LrsClientsHttpController, OrganisationLrsClientsHttpController],
  providers: [
    LrsClientsService,
    LrsAuthGuard,
    RegisterLrsClientHandler,
    RevokeLrsClientHandler,
    ListLrsClientsHandler,
    ListOrganisationLrsClientsHandler,
  ],
  exports: [LrsClientsService, LrsAuthGuard],
})
export class LrsAuthModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('LrsAuth');

  constructor(
    @Inject(LrsClientsService) private readonly clients: LrsClientsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The client from LRS_BOOTSTRAP_KEY/SECRET, for tests and demos; see ensureBootstrapClient. */
  async onApplicationBootstrap(): Promise<void> {
    const { lrsBootstrapKey: key, lrsBootstrapSecret: secret } = this.config;
    if (!key || !secret) return;
    const result = await this.clients.ensureBootstrapClient(key, secret);
    if (result !== 'unchanged')
      this.logger.log(`bootstrap LRS client "${key}" ${result} (scope all, organisation default)`);
  }
}
