import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import {
  assertCan,
  canManageOrganisation,
  canReadWorker,
  CurrentViewer,
  isPlatformAdmin,
  SignedInGuard,
  type Viewer,
} from '#libs/identity';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { dateOf } from '../domain/input.js';
import { NotFoundError } from '../domain/errors.js';
import {
  WORKFORCE_EVENTS as EV,
  organisationStream,
  roleStream,
  workerStream,
  type WorkerEvent,
} from '../domain/events.js';
import { parseAgentParameter } from '../domain/identifiers.js';
import { CommandBus } from '../http/command-bus.service.js';
import { reachOf, WorkerAccess } from '../http/worker-access.service.js';
import { WorkforceErrorFilter } from '../http/workforce-error.filter.js';
import { evolveOrganisation, initialOrganisation } from '../organisations/organisation.js';
import { findWorkerByIdentifier } from '../queries/workers.query.js';
import { evolveJobRole, initialJobRole } from '../roles/job-role.js';
import { parseAddIdentifier } from './add-identifier/add-identifier.decider.js';
import { decideAssignRole, parseAssignRole } from './assign-role/assign-role.decider.js';
import { decideEndRoleAssignment, parseEndRoleAssignment } from './end-role-assignment/end-role-assignment.decider.js';
import {
  decideAcceptInvitation,
  decideDeclineInvitation,
  decideJoinOrganisation,
  parseJoinOrganisation,
} from './join-organisation/join-organisation.decider.js';
import { registered } from './worker-commands.js';
import { decideLeaveOrganisation, parseLeaveOrganisation } from './leave-organisation/leave-organisation.decider.js';
import { parseRegisterWorker } from './register-worker/register-worker.decider.js';
import { addIdentifier, registerWorker } from './worker-identity.commands.js';
import { evolveWorker, initialWorker, type WorkerState } from './worker.js';

const AGENT = {
  type: 'object',
  description: 'an xAPI Agent identifier: one of mbox, mbox_sha1sum, openid, account',
  example: { mbox: 'mailto:mary@example.org' },
};

/** The default organisation of the bootstrap LRS client: it exists without being registered. */
const DEFAULT_ORGANISATION_ID = 'default';

@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@UseFilters(WorkforceErrorFilter)
@Controller('api/workers')
export class WorkersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly access: WorkerAccess,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Finds a worker by any of their xAPI identifiers' })
  @ApiQuery({ name: 'agent', description: 'an xAPI Agent as JSON, e.g. {"mbox":"mailto:mary@example.org"}' })
  async find(@CurrentViewer() viewer: Viewer, @Query('agent') agent: unknown) {
    const identifier = parseAgentParameter(agent);
    const readable = [];
    for (const worker of await findWorkerByIdentifier(this.pool, identifier.ifi)) {
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
  async get(@CurrentViewer() viewer: Viewer, @Param('id') id: string) {
    return this.access.readable(viewer, id);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Registers a worker with one or more xAPI identifiers (the organisation's learning lead)" })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['identifiers'],
      properties: {
        name: { type: 'string' },
        identifiers: { type: 'array', items: AGENT },
        registrationNumber: { type: 'string' },
        organisationId: { type: 'string' },
        joinedOn: { type: 'string', format: 'date' },
      },
    },
  })
  async register(@CurrentViewer() viewer: Viewer, @Body() body: unknown) {
    const command = parseRegisterWorker(body);
    assertCan(
      command.organisationId ? canManageOrganisation(viewer, command.organisationId) : isPlatformAdmin(viewer),
      'register workers of this organisation',
    );
    if (command.organisationId) await this.requireOrganisation(command.organisationId);
    await registerWorker(
      this.commands,
      this.store,
      command,
      { actor: viewer.userId, tenantId: command.organisationId },
      today(),
      reachOf(viewer),
    );
    return { id: command.workerId };
  }

  @Post(':id/identifiers')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Adds an xAPI identifier; the records of a worker seen only in statements under it join this worker',
  })
  @ApiBody({ schema: { type: 'object', properties: { identifier: AGENT } } })
  async addIdentifier(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown) {
    await this.assertManagesWorker(viewer, id);
    const command = parseAddIdentifier(id, body);
    await addIdentifier(this.commands, this.store, command, { actor: viewer.userId }, reachOf(viewer));
    return { id };
  }

  @Post(':id/memberships')
  @HttpCode(201)
  @ApiOperation({
    summary: 'The worker joins an organisation (from a date)',
    description:
      'A worker known to another organisation is invited instead (202): they join when they accept it signed in.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      properties: { organisationId: { type: 'string' }, from: { type: 'string', format: 'date' } },
    },
  })
  @ApiResponse({ status: 201, description: 'The worker is a member' })
  @ApiResponse({ status: 202, description: 'The worker is known elsewhere: invited, a member once they accept' })
  async join(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = parseJoinOrganisation(id, body);
    assertCan(canManageOrganisation(viewer, command.organisationId), 'add members to this organisation');
    const exists = await this.organisationExists(command.organisationId);
    const asker = { reach: reachOf(viewer), userId: viewer.userId };
    let invited = false;
    await this.runOnWorker(id, viewer, command.organisationId, (s) => {
      const events = decideJoinOrganisation(command, s, exists, today(), asker);
      invited = events.some((e) => e.type === EV.workerInvited);
      return events;
    });
    if (!invited) return { id };
    void reply.status(202);
    return { id, invitation: { organisationId: command.organisationId, status: 'pending' } };
  }

  @Get(':id/invitations')
  @ApiOperation({ summary: "The worker's pending invitations to join organisations (the worker, a platform admin)" })
  async invitations(@CurrentViewer() viewer: Viewer, @Param('id') id: string) {
    assertCan(isTheWorkerOrAdmin(viewer, id), "read this worker's invitations");
    const { state } = await this.commands.load(workerStream(id), initialWorker, evolveWorker);
    const worker = registered(state, id);
    return worker.invitations.map((i) => ({ organisationId: i.organisationId, from: i.from, status: 'pending' }));
  }

  @Post(':id/invitations/:organisationId/accept')
  @ApiOperation({
    summary: 'The worker, signed in (or a platform admin), accepts an invitation: they join the organisation',
  })
  async accept(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('organisationId') organisationId: string,
  ) {
    assertCan(isTheWorkerOrAdmin(viewer, id), "accept this worker's invitations");
    await this.runOnWorker(id, viewer, organisationId, (s) => decideAcceptInvitation(id, organisationId, s));
    return { id, organisationId };
  }

  @Post(':id/invitations/:organisationId/decline')
  @ApiOperation({
    summary:
      'The worker, signed in (or a platform admin), declines an invitation: it is no longer pending and they do not join',
  })
  async decline(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('organisationId') organisationId: string,
  ) {
    assertCan(isTheWorkerOrAdmin(viewer, id), "decline this worker's invitations");
    await this.runOnWorker(id, viewer, organisationId, (s) =>
      decideDeclineInvitation(id, organisationId, s, viewer.userId),
    );
    return { id, organisationId, status: 'declined' };
  }

  @Post(':id/memberships/end')
  @ApiOperation({ summary: 'The worker leaves an organisation (the roles held there end too)' })
  @ApiBody({
    schema: {
      type: 'object',
      properties: { organisationId: { type: 'string' }, to: { type: 'string', format: 'date' } },
    },
  })
  async leave(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown) {
    const command = parseLeaveOrganisation(id, body);
    assertCan(canManageOrganisation(viewer, command.organisationId), 'end memberships of this organisation');
    await this.runOnWorker(id, viewer, command.organisationId, (s) => decideLeaveOrganisation(command, s, today()));
    return { id };
  }

  @Post(':id/roles')
  @HttpCode(201)
  @ApiOperation({
    summary: "Assigns a job role of one of the worker's organisations (from a date); ends the previous role there",
  })
  @ApiBody({
    schema: { type: 'object', properties: { roleId: { type: 'string' }, from: { type: 'string', format: 'date' } } },
  })
  async assignRole(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown) {
    const command = parseAssignRole(id, body);
    const role = (await this.commands.load(roleStream(command.roleId), initialJobRole, evolveJobRole)).state;
    assertCan(
      role.status === 'defined' ? canManageOrganisation(viewer, role.organisationId) : isPlatformAdmin(viewer),
      "assign this organisation's roles",
    );
    await this.runOnWorker(id, viewer, role.status === 'defined' ? role.organisationId : undefined, (s) =>
      decideAssignRole(command, s, role, today()),
    );
    return { id };
  }

  @Post(':id/roles/:roleId/end')
  @ApiOperation({ summary: "Ends the worker's current assignment to a role (on a date)" })
  @ApiBody({ schema: { type: 'object', properties: { to: { type: 'string', format: 'date' } } } })
  async endRole(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('roleId') roleId: string,
    @Body() body: unknown,
  ) {
    const role = (await this.commands.load(roleStream(roleId), initialJobRole, evolveJobRole)).state;
    assertCan(
      role.status === 'defined' ? canManageOrganisation(viewer, role.organisationId) : isPlatformAdmin(viewer),
      "end this organisation's role assignments",
    );
    const command = parseEndRoleAssignment(id, roleId, body);
    await this.runOnWorker(id, viewer, role.status === 'defined' ? role.organisationId : undefined, (s) =>
      decideEndRoleAssignment(command, s, today()),
    );
    return { id };
  }

  private async runOnWorker(
    workerId: string,
    viewer: Viewer,
    tenantId: string | undefined,
    decide: (s: WorkerState) => WorkerEvent[],
  ) {
    await this.commands.run(
      { streamId: workerStream(workerId), initial: initialWorker, evolve: evolveWorker, decide },
      { actor: viewer.userId, tenantId },
    );
  }

  private async assertManagesWorker(viewer: Viewer, workerId: string): Promise<void> {
    const target = await this.access.target(workerId);
    assertCan(
      isPlatformAdmin(viewer) || target.organisationIds.some((o) => canManageOrganisation(viewer, o)),
      "change this worker's identity",
    );
  }

  private async organisationExists(organisationId: string): Promise<boolean> {
    if (organisationId === DEFAULT_ORGANISATION_ID) return true;
    const { state } = await this.commands.load(
      organisationStream(organisationId),
      initialOrganisation,
      evolveOrganisation,
    );
    return state.status === 'registered';
  }

  private async requireOrganisation(organisationId: string): Promise<void> {
    if (!(await this.organisationExists(organisationId)))
      throw new NotFoundError('organisationId', `no organisation "${organisationId}" is registered`);
  }
}

const today = () => dateOf(new Date());

/** Joining another employer is the worker's own decision (or a platform admin's). */
function isTheWorkerOrAdmin(viewer: Viewer, workerId: string): boolean {
  return isPlatformAdmin(viewer) || viewer.roles.some((r) => r.kind === 'worker' && r.workerId === workerId);
}
