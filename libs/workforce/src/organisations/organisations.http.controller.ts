import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCan, canManageOrganisation, CurrentViewer, isPlatformAdmin, SignedInGuard, type Viewer } from '#libs/identity';
import { organisationStream } from '../domain/events.js';
import { CommandBus } from '../http/command-bus.service.js';
import { WorkforceErrorFilter } from '../http/workforce-error.filter.js';
import { decideChangeOrganisationDetails, parseChangeOrganisationDetails } from './change-organisation-details/change-organisation-details.decider.js';
import { evolveOrganisation, initialOrganisation } from './organisation.js';
import { decideRegisterOrganisation, parseRegisterOrganisation } from './register-organisation/register-organisation.decider.js';

const DETAILS_SCHEMA = {
  type: 'object',
  required: ['name', 'sector', 'region', 'serviceType', 'sizeBand'],
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
  constructor(private readonly commands: CommandBus) {}

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
