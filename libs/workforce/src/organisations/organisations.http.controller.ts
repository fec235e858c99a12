import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { assertCan, canManageOrganisation, CurrentViewer, isPlatformAdmin, SignedInGuard, type Viewer } from '#libs/identity';
import { PG_POOL } from '#libs/platform';
import { NotFoundError } from '../domain/errors.js';
import { organisationStream } from '../domain/events.js';
import { CommandBus } from '../http/command-bus.service.js';
import { WorkforceErrorFilter } from '../http/workforce-error.filter.js';
import { listOrganisations, listRoles, organisationRegistered, pageOf } from '../queries/organisations.query.js';
import { decideChangeOrganisationDetails, parseChangeOrganisationDetails } from './change-organisation-details/change-organisation-details.decider.js';
import { evolveOrganisation, initialOrganisation } from './organisation.js';
import { decideRegisterOrganisation, parseRegisterOrganisation } from './register-organisation/register-organisation.decider.js';

const DETAILS_SCHEMA = {
  type: 'object',
  required: ['name', 'sector', 'region', 'serviceType', 'sizeBand'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', description: 'optional slug; match the organisation id of its LRS clients' },
    name: { type: 'string' },
    sector: { enum: ['public', 'private', 'voluntary'] },
    region: { type: 'string' },
    serviceType: { type: 'string', example: 'residential care for adults' },
    sizeBand: { enum: ['micro', 'small', 'medium', 'large'] },
  },
};

@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@UseFilters(WorkforceErrorFilter)
@Controller('api/organisations')
export class OrganisationsHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Organisations by id, a page at a time: every one for a platform admin, their own for a learning lead' })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  async list(@CurrentViewer() viewer: Viewer, @Query() query: { limit?: string; after?: string }) {
    const page = pageOf(query);
    if (isPlatformAdmin(viewer)) return listOrganisations(this.pool, page);
    const led = viewer.roles.flatMap((r) => (r.kind === 'learning-lead' ? [r.organisationId] : []));
    assertCan(led.length > 0, 'list organisations');
    return listOrganisations(this.pool, page, led);
  }

  @Get(':id/roles')
  @ApiOperation({ summary: "An organisation's job roles with their requirements, a page at a time (its learning lead or a platform admin)" })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  async roles(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Query() query: { limit?: string; after?: string }) {
    assertCan(canManageOrganisation(viewer, id), "list this organisation's roles");
    const page = pageOf(query);
    // The bootstrap LRS client's `default` organisation exists without being registered.
    if (id !== 'default' && !(await organisationRegistered(this.pool, id))) throw new NotFoundError('id', `no organisation "${id}" is registered`);
    return listRoles(this.pool, id, page);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Registers an employer (platform admin)' })
  @ApiBody({ schema: DETAILS_SCHEMA })
  async register(@CurrentViewer() viewer: Viewer, @Body() body: unknown) {
    assertCan(isPlatformAdmin(viewer), 'register organisations');
    const parsed = parseRegisterOrganisation(body);
    const command = { ...parsed, organisationId: parsed.organisationId ?? randomUUID() };
    await this.commands.run(
      { streamId: organisationStream(command.organisationId), initial: initialOrganisation, evolve: evolveOrganisation, decide: (s) => decideRegisterOrganisation(command, s) },
      { actor: viewer.userId, tenantId: command.organisationId },
    );
    return { id: command.organisationId };
  }

  @Put(':id')
  @ApiOperation({ summary: "Changes an organisation's details (its learning lead or a platform admin)" })
  @ApiBody({ schema: DETAILS_SCHEMA })
  async change(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown) {
    assertCan(canManageOrganisation(viewer, id), 'manage this organisation');
    const command = parseChangeOrganisationDetails(id, body);
    const events = await this.commands.run(
      { streamId: organisationStream(id), initial: initialOrganisation, evolve: evolveOrganisation, decide: (s) => decideChangeOrganisationDetails(command, s) },
      { actor: viewer.userId, tenantId: id },
    );
    return { id, changed: events.length > 0 };
  }
}
