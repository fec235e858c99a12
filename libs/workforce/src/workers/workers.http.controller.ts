import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  assertCan,
  canManageSomeOrganisation,
  canManageOrganisation,
  canReadWorker,
  CurrentViewer,
  isPlatformAdmin,
  SignedInGuard,
  type Viewer,
} from '#libs/identity';
import { requestSchema, responseSchema } from '#libs/platform';
import { dateOf } from '../domain/input.js';
import { parseAgentParameter } from '../domain/identifiers.js';
import { reachOf, WorkerAccess } from '../http/worker-access.service.js';
import { FindWorkers } from '../queries/find-workers/find-workers.query.js';
import { GetRoleOrganisation } from '../queries/get-role-organisation/get-role-organisation.query.js';
import { InvitationView, ListInvitations } from '../queries/list-invitations/list-invitations.query.js';
import { WorkerSummary } from '../read-model/workers.js';
import { AcceptInvitation } from './accept-invitation/accept-invitation.command.js';
import { InvitationAccepted } from './accept-invitation/accept-invitation.response.js';
import { AddIdentifier, parseAddIdentifier } from './add-identifier/add-identifier.command.js';
import { AssignRole, parseAssignRole } from './assign-role/assign-role.command.js';
import { DeclineInvitation } from './decline-invitation/decline-invitation.command.js';
import { InvitationDeclined } from './decline-invitation/decline-invitation.response.js';
import { EndRoleAssignment, parseEndRoleAssignment } from './end-role-assignment/end-role-assignment.command.js';
import { JoinOrganisation, parseJoinOrganisation } from './join-organisation/join-organisation.command.js';
import { InvitedToJoin } from './join-organisation/join-organisation.response.js';
import { LeaveOrganisation, parseLeaveOrganisation } from './leave-organisation/leave-organisation.command.js';
import { RegisterWorker, parseRegisterWorker } from './register-worker/register-worker.command.js';
import { WorkerChanged } from './worker-changed.response.js';
import { registerWorkerRequest } from './register-worker/register-worker.request.js';
import { addIdentifierRequest } from './add-identifier/add-identifier.request.js';
import { joinOrganisationRequest } from './join-organisation/join-organisation.request.js';
import { leaveOrganisationRequest } from './leave-organisation/leave-organisation.request.js';
import { assignRoleRequest } from './assign-role/assign-role.request.js';
import { endRoleAssignmentRequest } from './end-role-assignment/end-role-assignment.request.js';

@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/workers')
export class WorkersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: WorkerAccess,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Finds a worker by any of their xAPI identifiers' })
  @ApiQuery({ name: 'agent', description: 'an xAPI Agent as JSON, e.g. {"mbox":"mailto:mary@example.org"}' })
  @ApiOkResponse({
    description: 'The workers holding it whose record the viewer may read',
    schema: responseSchema(z.array(WorkerSummary)),
  })
  async find(@CurrentViewer() viewer: Viewer, @Query('agent') agent: unknown): Promise<WorkerSummary[]> {
    const identifier = parseAgentParameter(agent);
    const readable: WorkerSummary[] = [];
    for (const worker of await this.queries.execute(new FindWorkers(identifier.ifi))) {
      if (canReadWorker(viewer, await this.access.target(worker.id))) readable.push(worker);
    }
    // A worker the viewer may not read is answered as an unknown one, so the answer tells nobody
    // whether someone is registered elsewhere; only leads, managers and admins may look up at all.
    if (readable.length === 0)
      assertCan(
        isPlatformAdmin(viewer) || viewer.roles.some((r) => r.kind === 'learning-lead' || r.kind === 'line-manager'),
        'look up workers',
      );
    return readable;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A worker: identifiers, organisations and roles over time' })
  @ApiOkResponse({ schema: responseSchema(WorkerSummary) })
  async get(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<WorkerSummary> {
    return this.access.readable(viewer, id);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Registers a worker with one or more xAPI identifiers (the organisation's learning lead)" })
  @ApiBody({ schema: requestSchema(registerWorkerRequest) })
  @ApiCreatedResponse({ description: 'Registered', schema: responseSchema(WorkerChanged) })
  async register(@CurrentViewer() viewer: Viewer, @Body() body: unknown): Promise<WorkerChanged> {
    assertCan(canManageSomeOrganisation(viewer), 'register workers');
    const command = parseRegisterWorker(body);
    assertCan(
      command.organisationId ? canManageOrganisation(viewer, command.organisationId) : isPlatformAdmin(viewer),
      'register workers of this organisation',
    );
    const context = { actor: viewer.userId, tenantId: command.organisationId };
    return this.commands.execute(new RegisterWorker(command, context, today(), reachOf(viewer)));
  }

  @Post(':id/identifiers')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Adds an xAPI identifier; the records of a worker seen only in statements under it join this worker',
  })
  @ApiBody({ schema: requestSchema(addIdentifierRequest) })
  @ApiCreatedResponse({ schema: responseSchema(WorkerChanged) })
  async addIdentifier(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<WorkerChanged> {
    await this.assertManagesWorker(viewer, id);
    const command = parseAddIdentifier(id, body);
    await this.commands.execute(new AddIdentifier(command, viewer.userId, reachOf(viewer)));
    return { id };
  }

  @Post(':id/memberships')
  @HttpCode(201)
  @ApiOperation({
    summary: 'The worker joins an organisation (from a date)',
    description:
      'A worker known to another organisation is invited instead (202): they join when they accept it signed in.',
  })
  @ApiBody({ schema: requestSchema(joinOrganisationRequest) })
  @ApiCreatedResponse({ description: 'The worker is a member', schema: responseSchema(WorkerChanged) })
  @ApiAcceptedResponse({
    description: 'The worker is known elsewhere: invited, a member once they accept',
    schema: responseSchema(InvitedToJoin),
  })
  async join(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WorkerChanged | InvitedToJoin> {
    assertCan(canManageSomeOrganisation(viewer), 'add members to organisations');
    const command = parseJoinOrganisation(id, body);
    assertCan(canManageOrganisation(viewer, command.organisationId), 'add members to this organisation');
    const { invited } = await this.commands.execute(
      new JoinOrganisation(command, viewer.userId, reachOf(viewer), today()),
    );
    if (!invited) return { id };
    void reply.status(202);
    return { id, invitation: { organisationId: command.organisationId, status: 'pending' } };
  }

  @Get(':id/invitations')
  @ApiOperation({ summary: "The worker's pending invitations to join organisations (the worker, a platform admin)" })
  @ApiOkResponse({ schema: responseSchema(z.array(InvitationView)) })
  async invitations(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<InvitationView[]> {
    assertCan(isTheWorkerOrAdmin(viewer, id), "read this worker's invitations");
    return this.queries.execute(new ListInvitations(id));
  }

  @Post(':id/invitations/:organisationId/accept')
  @ApiOperation({
    summary: 'The worker, signed in (or a platform admin), accepts an invitation: they join the organisation',
  })
  @ApiCreatedResponse({ description: 'Joined', schema: responseSchema(InvitationAccepted) })
  async accept(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('organisationId') organisationId: string,
  ): Promise<InvitationAccepted> {
    assertCan(isTheWorkerOrAdmin(viewer, id), "accept this worker's invitations");
    await this.commands.execute(new AcceptInvitation(id, organisationId, viewer.userId));
    return { id, organisationId };
  }

  @Post(':id/invitations/:organisationId/decline')
  @ApiOperation({
    summary:
      'The worker, signed in (or a platform admin), declines an invitation: it is no longer pending and they do not join',
  })
  @ApiCreatedResponse({ schema: responseSchema(InvitationDeclined) })
  async decline(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('organisationId') organisationId: string,
  ): Promise<InvitationDeclined> {
    assertCan(isTheWorkerOrAdmin(viewer, id), "decline this worker's invitations");
    await this.commands.execute(new DeclineInvitation(id, organisationId, viewer.userId));
    return { id, organisationId, status: 'declined' };
  }

  @Post(':id/memberships/end')
  @ApiOperation({ summary: 'The worker leaves an organisation (the roles held there end too)' })
  @ApiBody({ schema: requestSchema(leaveOrganisationRequest) })
  @ApiCreatedResponse({ schema: responseSchema(WorkerChanged) })
  async leave(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown): Promise<WorkerChanged> {
    assertCan(canManageSomeOrganisation(viewer), 'end memberships');
    const command = parseLeaveOrganisation(id, body);
    assertCan(canManageOrganisation(viewer, command.organisationId), 'end memberships of this organisation');
    await this.commands.execute(new LeaveOrganisation(command, viewer.userId, today(), reachOf(viewer)));
    return { id };
  }

  @Post(':id/roles')
  @HttpCode(201)
  @ApiOperation({
    summary: "Assigns a job role of one of the worker's organisations (from a date); ends the previous role there",
  })
  @ApiBody({ schema: requestSchema(assignRoleRequest) })
  @ApiCreatedResponse({ schema: responseSchema(WorkerChanged) })
  async assignRole(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<WorkerChanged> {
    assertCan(canManageSomeOrganisation(viewer), 'assign roles');
    const command = parseAssignRole(id, body);
    const organisationId = await this.queries.execute(new GetRoleOrganisation(command.roleId));
    assertCan(
      organisationId !== undefined ? canManageOrganisation(viewer, organisationId) : isPlatformAdmin(viewer),
      "assign this organisation's roles",
    );
    await this.commands.execute(new AssignRole(command, organisationId, viewer.userId, today(), reachOf(viewer)));
    return { id };
  }

  @Post(':id/roles/:roleId/end')
  @ApiOperation({ summary: "Ends the worker's current assignment to a role (on a date)" })
  @ApiBody({ required: false, schema: requestSchema(endRoleAssignmentRequest) })
  @ApiCreatedResponse({ schema: responseSchema(WorkerChanged) })
  async endRole(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('roleId') roleId: string,
    @Body() body: unknown,
  ): Promise<WorkerChanged> {
    const organisationId = await this.queries.execute(new GetRoleOrganisation(roleId));
    assertCan(
      organisationId !== undefined ? canManageOrganisation(viewer, organisationId) : isPlatformAdmin(viewer),
      "end this organisation's role assignments",
    );
    const command = parseEndRoleAssignment(id, roleId, body);
    await this.commands.execute(
      new EndRoleAssignment(command, organisationId, viewer.userId, today(), reachOf(viewer)),
    );
    return { id };
  }

  private async assertManagesWorker(viewer: Viewer, workerId: string): Promise<void> {
    const target = await this.access.target(workerId);
    assertCan(
      isPlatformAdmin(viewer) || target.organisationIds.some((o) => canManageOrganisation(viewer, o)),
      "change this worker's identity",
    );
  }
}

const today = () => dateOf(new Date());

/** Joining another employer is the worker's own decision (or a platform admin's). */
function isTheWorkerOrAdmin(viewer: Viewer, workerId: string): boolean {
  return isPlatformAdmin(viewer) || viewer.roles.some((r) => r.kind === 'worker' && r.workerId === workerId);
}
