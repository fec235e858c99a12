import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Inject,
  NotFoundException,
  Optional,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentViewer } from '../access/current-viewer.decorator.js';
import { canGrantRole, describeRole, workersNamedIn } from '../access/grant-rules.js';
import { SignedInGuard } from '../access/signed-in.guard.js';
import { assertCan, canManageOrganisation, isPlatformAdmin, type AccessRole, type Viewer } from '../access/viewer.js';
import { WORKER_DIRECTORY, type WorkerDirectory, type WorkerPlaces } from '../access/worker-directory.js';
import { roleChangeRequest } from './access-role.request.js';
import { HASHING_BUSY_DESCRIPTION } from '../passwords/password-hash.js';
import { newUserRequest } from './register-user/register-user.request.js';
import { userResponse } from './user.response.js';
import { parseBody, requestSchema, responseSchema } from '#libs/platform';
import { GrantRoles } from './grant-roles/grant-roles.command.js';
import { RegisterUser } from './register-user/register-user.command.js';
import { RevokeRoles } from './revoke-roles/revoke-roles.command.js';
import { UserBelongsTo } from './user-belongs-to/user-belongs-to.query.js';
import type { UserView } from './users.service.js';

/**
 * A learning lead staffs their own organisation: registers its people and grants or revokes
 * line-manager roles in it and worker roles for its workers. Other roles come from a platform admin
 * (who may also use these routes). Every role in the request is checked before anything changes.
 */
@ApiTags('organisation users')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@ApiParam({ name: 'organisationId' })
@Controller('api/organisations/:organisationId/users')
export class OrganisationUsersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Optional() @Inject(WORKER_DIRECTORY) private readonly workers?: WorkerDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Registers a user of the organisation, with worker and line-manager roles in it (learning lead or platform admin)',
  })
  @ApiBody({ schema: requestSchema(newUserRequest) })
  @ApiCreatedResponse({ description: 'The user registered', schema: responseSchema(userResponse) })
  @ApiResponse({ status: 400, description: 'A property breaks a rule; the message names it' })
  @ApiResponse({ status: 403, description: 'Not the learning lead of this organisation, or a role outside it' })
  @ApiResponse({ status: 409, description: 'The email is already registered' })
  @ApiResponse({ status: 503, description: HASHING_BUSY_DESCRIPTION })
  async register(
    @CurrentViewer() viewer: Viewer,
    @Param('organisationId') organisationId: string,
    @Body() body: unknown,
  ): Promise<UserView> {
    assertCan(canManageOrganisation(viewer, organisationId), `manage the users of organisation ${organisationId}`);
    const input = parseBody(newUserRequest, body);
    await this.assertCanGrantAll(viewer, organisationId, input.roles);
    return this.commands.execute(new RegisterUser(input, { actor: viewer.userId, organisationId }));
  }

  @Post(':userId/roles')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grants worker or line-manager roles within the organisation to a user' })
  @ApiBody({ schema: requestSchema(roleChangeRequest) })
  @ApiOkResponse({ description: 'The user with their roles now', schema: responseSchema(userResponse) })
  @ApiResponse({ status: 403, description: 'Not the learning lead of this organisation, or a role outside it' })
  @ApiResponse({ status: 404, description: 'No user with this id' })
  async grant(
    @CurrentViewer() viewer: Viewer,
    @Param('organisationId') organisationId: string,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<UserView> {
    const roles = await this.checkedRoleChange(viewer, organisationId, body);
    await this.assertUserOf(viewer, organisationId, userId);
    return this.commands.execute(new GrantRoles(userId, roles, { actor: viewer.userId, organisationId }));
  }

  @Delete(':userId/roles')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revokes worker or line-manager roles within the organisation from a user' })
  @ApiBody({ schema: requestSchema(roleChangeRequest) })
  @ApiOkResponse({ description: 'The user with their roles now', schema: responseSchema(userResponse) })
  @ApiResponse({ status: 403, description: 'Not the learning lead of this organisation, or a role outside it' })
  @ApiResponse({ status: 404, description: 'No user with this id' })
  async revoke(
    @CurrentViewer() viewer: Viewer,
    @Param('organisationId') organisationId: string,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<UserView> {
    const roles = await this.checkedRoleChange(viewer, organisationId, body);
    await this.assertUserOf(viewer, organisationId, userId);
    return this.commands.execute(new RevokeRoles(userId, roles, { actor: viewer.userId, organisationId }));
  }

  private async checkedRoleChange(viewer: Viewer, organisationId: string, body: unknown): Promise<AccessRole[]> {
    assertCan(canManageOrganisation(viewer, organisationId), `manage the users of organisation ${organisationId}`);
    const roles = parseBody(roleChangeRequest, body).roles;
    await this.assertCanGrantAll(viewer, organisationId, roles);
    return roles;
  }

  private async assertCanGrantAll(viewer: Viewer, organisationId: string, roles: readonly AccessRole[]): Promise<void> {
    for (const role of roles) {
      const places = await this.placesOf(workersNamedIn(role));
      assertCan(
        canGrantRole(viewer, organisationId, role, places),
        `grant or revoke ${describeRole(role)} for organisation ${organisationId}`,
      );
    }
  }

  private async placesOf(workerIds: readonly string[]): Promise<Map<string, WorkerPlaces>> {
    const places = new Map<string, WorkerPlaces>();
    if (!this.workers) return places;
    for (const workerId of new Set(workerIds)) {
      places.set(workerId, {
        current: await this.workers.organisationIdsOf(workerId),
        known: await this.workers.organisationsKnowing(workerId),
      });
    }
    return places;
  }

  /**
   * A learning lead changes the roles of their organisation's users only: registered by it, or holding
   * a role in it. Anyone else's account is not found (404, no data), so a lead learns nothing about it.
   */
  private async assertUserOf(viewer: Viewer, organisationId: string, userId: string): Promise<void> {
    if (isPlatformAdmin(viewer)) return;
    if (!(await this.queries.execute(new UserBelongsTo(userId, organisationId))))
      throw new NotFoundException(`No user with id "${userId}"`);
  }
}
