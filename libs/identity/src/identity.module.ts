import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SignedInGuard } from './access/signed-in.guard.js';
import { AuthHttpController } from './sessions/auth.http.controller.js';
import { SessionsService } from './sessions/sessions.service.js';
import { SignInHandler } from './sessions/sign-in/sign-in.handler.js';
import { SignOutHandler } from './sessions/sign-out/sign-out.handler.js';
import { AdminUsersHttpController } from './users/admin-users.http.controller.js';
import { DisableUserHandler } from './users/disable-user/disable-user.handler.js';
import { EnableUserHandler } from './users/enable-user/enable-user.handler.js';
import { GetUserHandler } from './users/get-user/get-user.handler.js';
import { GrantRolesHandler } from './users/grant-roles/grant-roles.handler.js';
import { ListUsersHandler } from './users/list-users/list-users.handler.js';
import { OrganisationUsersHttpController } from './users/organisation-users.http.controller.js';
import { RegisterUserHandler } from './users/register-user/register-user.handler.js';
import { RevokeRolesHandler } from './users/revoke-roles/revoke-roles.handler.js';
import { UserBelongsToHandler } from './users/user-belongs-to/user-belongs-to.handler.js';
import { UsersService } from './users/users.service.js';

/**
 * Sign-in, sessions, users and their grants, each use case a command or query and its handler.
 * Other modules need not import it to protect their routes: SignedInGuard depends only on the
 * platform's RUNTIME.
 */
@Module({
  // CqrsModule.forRoot is idempotent here: the composition root and other contexts may import it too.
  imports: [CqrsModule.forRoot()],
  controllers: [AuthHttpController, AdminUsersHttpController, OrganisationUsersHttpController],
  providers: [
    UsersService,
    SessionsService,
    SignedInGuard,
    RegisterUserHandler,
    GrantRolesHandler,
    RevokeRolesHandler,
    DisableUserHandler,
    EnableUserHandler,
    SignInHandler,
    SignOutHandler,
    GetUserHandler,
    ListUsersHandler,
    UserBelongsToHandler,
  ],
  exports: [UsersService, SessionsService, SignedInGuard],
})
export class IdentityModule {}
