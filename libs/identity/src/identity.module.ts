import { Module } from '@nestjs/common';
import { SignedInGuard } from './access/signed-in.guard.js';
import { AuthHttpController } from './sessions/auth.http.controller.js';
import { SessionsService } from './sessions/sessions.service.js';
import { AdminUsersHttpController } from './users/admin-users.http.controller.js';
import { OrganisationUsersHttpController } from './users/organisation-users.http.controller.js';
import { UsersService } from './users/users.service.js';

/**
 * Sign-in, sessions, users and their grants. Other modules need not import it to protect their
 * routes: SignedInGuard depends only on the platform's RUNTIME.
 */
@Module({
  controllers: [AuthHttpController, AdminUsersHttpController, OrganisationUsersHttpController],
  providers: [UsersService, SessionsService, SignedInGuard],
  exports: [UsersService, SessionsService, SignedInGuard],
})
export class IdentityModule {}
