import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  assertCan,
  canManageOrganisation,
  CurrentViewer,
  isPlatformAdmin,
  SignedInGuard,
  type Viewer,
} from '#libs/identity';
import { isCalendarDate, requestSchema, responseSchema } from '#libs/platform';
import { invalid } from '../domain/errors.js';
import { WorkerAccess } from '../http/worker-access.service.js';
import { GetCapabilitySummary } from '../queries/get-capability-summary/get-capability-summary.query.js';
import { GetOrganisationStaff } from '../queries/get-organisation-staff/get-organisation-staff.query.js';
import { GetTeam } from '../queries/get-team/get-team.query.js';
import { ListOrganisationRoles } from '../queries/list-organisation-roles/list-organisation-roles.query.js';
import { ListOrganisations } from '../queries/list-organisations/list-organisations.query.js';
import { CapabilitySummary } from '../read-model/organisation-staff.js';
import { StaffPage } from '../read-model/organisation-staff.js';
import {
  OrganisationRolesPage,
  OrganisationsPage,
  pageOf,
  SEARCH_MAX_LENGTH,
  searchOf,
} from '../read-model/organisations.js';
import { TeamPage } from '../read-model/team.js';
import {
  ChangeOrganisationDetails,
  parseChangeOrganisationDetails,
} from './change-organisation-details/change-organisation-details.command.js';
import {
  RegisterOrganisation,
  parseRegisterOrganisation,
} from './register-organisation/register-organisation.command.js';
import { OrganisationDetailsChanged } from './change-organisation-details/change-organisation-details.response.js';
import { OrganisationRegistered } from './register-organisation/register-organisation.response.js';
import { registerOrganisationRequest } from './register-organisation/register-organisation.request.js';
import { changeOrganisationDetailsRequest } from './change-organisation-details/change-organisation-details.request.js';

const todayUtc = () => new Date().toISOString().slice(0, 10);

@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/organisations')
export class OrganisationsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly workers: WorkerAccess,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Organisations by id, a page at a time, found by part of their name or id: every one for a platform admin, their own for a learning lead',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  @ApiQuery({
    name: 'q',
    required: false,
    description: `only those whose name or id holds this text, in any case (1-${SEARCH_MAX_LENGTH} characters)`,
  })
  @ApiOkResponse({ schema: responseSchema(OrganisationsPage) })
  list(
    @CurrentViewer() viewer: Viewer,
    @Query() query: { limit?: string; after?: string; q?: unknown },
  ): Promise<OrganisationsPage> {
    // Access first: a caller who may list nothing is refused alike whatever the query says.
    const led = isPlatformAdmin(viewer) ? undefined : organisationsLedBy(viewer);
    assertCan(led === undefined || led.length > 0, 'list organisations');
    return this.queries.execute(new ListOrganisations(pageOf(query), led, searchOf(query.q)));
  }

  @Get(':id/team')
  @ApiOperation({
    summary: "The organisation's workers with their names, role and a stage summary, a page at a time",
    description:
      'A learning lead (or a platform admin) gets every current worker of the organisation; a line manager the workers their grant names there. ' +
      'The stage summary counts the 17 personal capabilities at each stage from what the organisation sees: the evidence it recorded and what the worker shares with it.',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1-100, default 25' })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  @ApiOkResponse({ schema: responseSchema(TeamPage) })
  team(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Query() query: { limit?: string; after?: string },
  ): Promise<TeamPage> {
    const only = teamOf(viewer, id);
    assertCan(only !== undefined, "read this organisation's team");
    const page = pageOf(query, { defaultLimit: 25, maxLimit: 100 });
    return this.queries.execute(new GetTeam(id, only ?? null, page, new Date()));
  }

  @Get(':id/roles')
  @ApiOperation({
    summary:
      "An organisation's job roles with their requirements, a page at a time (its learning lead, a platform admin, its workers and its line managers)",
    description:
      "A person specification is not personal data: the organisation's current workers and line managers read its roles too, " +
      'to choose one to aim for (GET /api/workers/{id}/role-gap?roleId=). Anyone else is refused, a real or an unknown organisation alike.',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  @ApiOkResponse({ schema: responseSchema(OrganisationRolesPage) })
  async roles(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Query() query: { limit?: string; after?: string },
  ): Promise<OrganisationRolesPage> {
    assertCan(await this.mayReadRoles(viewer, id), "list this organisation's roles");
    return this.queries.execute(new ListOrganisationRoles(id, pageOf(query)));
  }

  @Get(':id/workers')
  @ApiOperation({
    summary:
      "The learning lead's view of staff: the organisation's workers in alphabetical order, a page at a time, with membership dates and current role (its learning lead or a platform admin)",
    description:
      'By name as people read it (ICU root collation: case and accents come after the letters, so "adam", "Ádám", "Ann", "Zoë"), ' +
      'the same name by worker id, workers with no name last; `after` continues after the last worker of the previous page.',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  @ApiOkResponse({ schema: responseSchema(StaffPage) })
  staff(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Query() query: { limit?: string; after?: string },
  ): Promise<StaffPage> {
    mayViewStaff(viewer, id);
    return this.queries.execute(new GetOrganisationStaff(id, pageOf(query), todayUtc()));
  }

  @Get(':id/capability-summary')
  @ApiOperation({
    summary:
      "How the organisation's workers stand on each personal capability as of a date (workers per stage), and role fit: how many meet their role's required stages",
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD, the end of that day (UTC); default today' })
  @ApiOkResponse({ schema: responseSchema(CapabilitySummary) })
  capabilitySummary(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Query('asOf') asOf?: string,
  ): Promise<CapabilitySummary> {
    mayViewStaff(viewer, id);
    const date =
      asOf === undefined || asOf === ''
        ? todayUtc()
        : isCalendarDate(asOf)
          ? asOf
          : invalid('asOf', 'must be a calendar date YYYY-MM-DD');
    return this.queries.execute(new GetCapabilitySummary(id, date));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Registers an employer (platform admin)' })
  @ApiBody({ schema: requestSchema(registerOrganisationRequest) })
  @ApiCreatedResponse({ description: 'Registered', schema: responseSchema(OrganisationRegistered) })
  register(@CurrentViewer() viewer: Viewer, @Body() body: unknown): Promise<OrganisationRegistered> {
    assertCan(isPlatformAdmin(viewer), 'register organisations');
    const parsed = parseRegisterOrganisation(body);
    const organisation = { ...parsed, organisationId: parsed.organisationId ?? randomUUID() };
    return this.commands.execute(new RegisterOrganisation(organisation, viewer.userId));
  }

  @Put(':id')
  @ApiOperation({ summary: "Changes an organisation's details (its learning lead or a platform admin)" })
  @ApiBody({ schema: requestSchema(changeOrganisationDetailsRequest) })
  @ApiOkResponse({ schema: responseSchema(OrganisationDetailsChanged) })
  change(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<OrganisationDetailsChanged> {
    assertCan(canManageOrganisation(viewer, id), 'manage this organisation');
    return this.commands.execute(
      new ChangeOrganisationDetails(parseChangeOrganisationDetails(id, body), viewer.userId),
    );
  }

  /**
   * Its learning lead and platform admins; a line manager there; a worker who belongs to it now (a leaver
   * is refused). Decided before the organisation is looked up, so an unknown one is refused alike.
   */
  private async mayReadRoles(viewer: Viewer, organisationId: string): Promise<boolean> {
    if (canManageOrganisation(viewer, organisationId)) return true;
    if (viewer.roles.some((r) => r.kind === 'line-manager' && r.organisationId === organisationId)) return true;
    for (const role of viewer.roles)
      if (role.kind === 'worker' && (await this.workers.target(role.workerId)).organisationIds.includes(organisationId))
        return true;
    return false;
  }
}

function organisationsLedBy(viewer: Viewer): string[] {
  return viewer.roles.flatMap((r) => (r.kind === 'learning-lead' ? [r.organisationId] : []));
}

/** Access before existence: anyone else is refused alike for a real and an unknown organisation (404 from the query). */
function mayViewStaff(viewer: Viewer, id: string): void {
  assertCan(canManageOrganisation(viewer, id), "view this organisation's staff");
}

/**
 * Whose team a viewer reads in an organisation: `null` for everyone (its learning lead, a platform admin),
 * the workers named in their grants there for a line manager, `undefined` for nobody (403).
 */
function teamOf(viewer: Viewer, organisationId: string): readonly string[] | null | undefined {
  if (canManageOrganisation(viewer, organisationId)) return null;
  const named = viewer.roles.flatMap((r) =>
    r.kind === 'line-manager' && r.organisationId === organisationId ? r.workerIds : [],
  );
  return named.length > 0 ? named : undefined;
}
