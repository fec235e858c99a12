import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Put,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { assertCan, canManageOrganisation, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { PG_POOL } from '#libs/platform';
import { organisationStream, roleStream } from '../domain/events.js';
import { CommandBus } from '../http/command-bus.service.js';
import { WorkforceErrorFilter } from '../http/workforce-error.filter.js';
import { evolveOrganisation, initialOrganisation } from '../organisations/organisation.js';
import { schema } from '../queries/indicator-judgements.js';
import {
  decideChangeRoleRequirements,
  parseChangeRoleRequirements,
} from './change-role-requirements/change-role-requirements.decider.js';
import { decideDefineRole, parseDefineRole } from './define-role/define-role.decider.js';
import { evolveJobRole, initialJobRole } from './job-role.js';

const ROLE_SCHEMA = {
  type: 'object',
  required: ['organisationId', 'name'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    organisationId: { type: 'string' },
    name: { type: 'string', example: 'Support worker' },
    requirements: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          capabilityId: { type: 'string', example: 'pc.flexibility' },
          stage: { enum: ['engaged', 'established', 'accomplished', 'exemplary'] },
        },
      },
    },
    qualifications: {
      type: 'array',
      items: { type: 'string' },
      example: ['SVQ Social Services and Healthcare at SCQF level 6'],
    },
    training: { type: 'array', items: { type: 'string' } },
  },
};

@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@UseFilters(WorkforceErrorFilter)
@Controller('api/roles')
export class RolesHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      "Defines a job role: the stage required on each personal capability that matters, qualifications and training (the organisation's learning lead)",
  })
  @ApiBody({ schema: ROLE_SCHEMA })
  async define(@CurrentViewer() viewer: Viewer, @Body() body: unknown) {
    const command = parseDefineRole(body);
    assertCan(canManageOrganisation(viewer, command.organisationId), "define this organisation's roles");
    const organisation = await this.commands.load(
      organisationStream(command.organisationId),
      initialOrganisation,
      evolveOrganisation,
    );
    await this.commands.run(
      {
        streamId: roleStream(command.roleId),
        initial: initialJobRole,
        evolve: evolveJobRole,
        decide: (s) => decideDefineRole(command, s, organisation.state.status === 'registered'),
      },
      { actor: viewer.userId, tenantId: command.organisationId },
    );
    return { id: command.roleId };
  }

  @Put(':id')
  @ApiOperation({ summary: "Changes a role's requirements; the previous ones stay in its history" })
  @ApiBody({ schema: ROLE_SCHEMA })
  async change(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown) {
    const role = await this.commands.load(roleStream(id), initialJobRole, evolveJobRole);
    assertCan(
      role.state.status === 'defined' && canManageOrganisation(viewer, role.state.organisationId),
      "change this organisation's roles",
    );
    const command = parseChangeRoleRequirements(id, body);
    const events = await this.commands.run(
      {
        streamId: roleStream(id),
        initial: initialJobRole,
        evolve: evolveJobRole,
        decide: (s) => decideChangeRoleRequirements(command, s),
      },
      { actor: viewer.userId, tenantId: role.state.status === 'defined' ? role.state.organisationId : undefined },
    );
    return { id, changed: events.length > 0 };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A job role with its requirements (person specifications are not personal data)' })
  async get(@Param('id') id: string) {
    const { rows } = await this.pool.query(
      `select id, organisation_id as "organisationId", name, requirements, qualifications, training from ${schema()}.roles where id = $1`,
      [id],
    );
    if (!rows[0]) throw new NotFoundException(`id: no job role "${id}" is defined`);
    return rows[0];
  }
}
