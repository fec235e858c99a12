import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentViewer } from '../access/current-viewer.decorator.js';
import { SignedInGuard } from '../access/signed-in.guard.js';
import { assertCan, isPlatformAdmin, type Viewer } from '../access/viewer.js';
import { roleChangeRequest } from './access-role.request.js';
import { unwrap } from './user-input.js';
import { HASHING_BUSY_DESCRIPTION } from '../passwords/password-hash.js';
import { newUserRequest } from './register-user/register-user.request.js';
import { userResponse, usersPageResponse } from './user.response.js';
import { parseBody, requestSchema, responseSchema } from '#libs/platform';
import { DisableUser } from './disable-user/disable-user.command.js';
import { EnableUser } from './enable-user/enable-user.command.js';
import { found } from './found.js';
import { GetUser } from './get-user/get-user.query.js';
import { GrantRoles } from './grant-roles/grant-roles.command.js';
import { ListUsers } from './list-users/list-users.query.js';
import { parseUsersPage, USERS_PAGE_LIMITS } from './list-users/users-page.js';
import { RegisterUser } from './register-user/register-user.command.js';
import { RevokeRoles } from './revoke-roles/revoke-roles.command.js';
import type { UsersList, UserView } from './users.service.js';

/**
 * Users and grants for platform admins: a person holding the platform-admin role, or automation
 * holding ADMIN_TOKEN (both arrive through SignedInGuard as a platform-admin viewer).
 */
@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/admin/users')
export class AdminUsersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Registers a user who can sign in, with any roles' })
  @ApiBody({ schema: requestSchema(newUserRequest) })
  @ApiCreatedResponse({ description: 'The user registered', schema: responseSchema(userResponse) })
  @ApiResponse({
    status: 400,
    description: 'A property breaks a rule; the message names it (e.g. password: must be at least 12 characters)',
  })
  @ApiResponse({ status: 403, description: 'Not a platform admin' })
  @ApiResponse({ status: 409, description: 'The email is already registered' })
  @ApiResponse({ status: 503, description: HASHING_BUSY_DESCRIPTION })
  async register(@CurrentViewer() viewer: Viewer, @Body() body: unknown): Promise<UserView> {
    assertAdmin(viewer);
    return this.commands.execute(new RegisterUser(parseBody(newUserRequest, body), { actor: viewer.userId }));
  }

  @Get()
  @ApiOperation({ summary: 'The users with their roles, oldest first, a page at a time (never password hashes)' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `1-${USERS_PAGE_LIMITS.maxLimit}, default ${USERS_PAGE_LIMITS.defaultLimit}`,
  })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  @ApiOkResponse({ schema: responseSchema(usersPageResponse) })
  @ApiResponse({ status: 400, description: 'limit or after breaks its rule; the message names it' })
  async list(@CurrentViewer() viewer: Viewer, @Query() query: { limit?: string; after?: string }): Promise<UsersList> {
    assertAdmin(viewer);
    return this.queries.execute(new ListUsers(unwrap(parseUsersPage(query))));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user with their roles' })
  @ApiOkResponse({ schema: responseSchema(userResponse) })
  @ApiResponse({ status: 404, description: 'No user with this id' })
  async get(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<UserView> {
    assertAdmin(viewer);
    return found(await this.queries.execute(new GetUser(id)), id);
  }

  @Post(':id/roles')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Grants roles (grants already held change nothing); for a line manager, adds the named workers to the team',
  })
  @ApiBody({ schema: requestSchema(roleChangeRequest) })
  @ApiOkResponse({ description: 'The user with their roles now', schema: responseSchema(userResponse) })
  @ApiResponse({ status: 404, description: 'No user with this id' })
  async grant(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown): Promise<UserView> {
    assertAdmin(viewer);
    return this.commands.execute(
      new GrantRoles(id, parseBody(roleChangeRequest, body).roles, { actor: viewer.userId }),
    );
  }

  @Delete(':id/roles')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Revokes roles (grants not held change nothing); for a line manager, removes the named workers from the team',
  })
  @ApiBody({ schema: requestSchema(roleChangeRequest) })
  @ApiOkResponse({ description: 'The user with their roles now', schema: responseSchema(userResponse) })
  @ApiResponse({ status: 404, description: 'No user with this id' })
  async revoke(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown): Promise<UserView> {
    assertAdmin(viewer);
    return this.commands.execute(
      new RevokeRoles(id, parseBody(roleChangeRequest, body).roles, { actor: viewer.userId }),
    );
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disables a user: their sessions end and they cannot sign in' })
  @ApiOkResponse({ schema: responseSchema(userResponse) })
  @ApiResponse({ status: 404, description: 'No user with this id' })
  async disable(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<UserView> {
    assertAdmin(viewer);
    return this.commands.execute(new DisableUser(id, { actor: viewer.userId }));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lets a disabled user sign in again' })
  @ApiOkResponse({ schema: responseSchema(userResponse) })
  @ApiResponse({ status: 404, description: 'No user with this id' })
  async enable(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<UserView> {
    assertAdmin(viewer);
    return this.commands.execute(new EnableUser(id, { actor: viewer.userId }));
  }
}

function assertAdmin(viewer: Viewer): void {
  assertCan(isPlatformAdmin(viewer), 'manage users (platform admins only)');
}
