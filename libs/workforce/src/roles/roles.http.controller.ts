import { Body, Controller, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  assertCan,
  canManageOrganisation,
  canManageSomeOrganisation,
  CurrentViewer,
  SignedInGuard,
  type Viewer,
} from '#libs/identity';
import { requestSchema, responseSchema } from '#libs/platform';
import { GetJobRole, JobRoleView } from '../queries/get-job-role/get-job-role.query.js';
import { GetRoleOrganisation } from '../queries/get-role-organisation/get-role-organisation.query.js';
import {
  ChangeRoleRequirements,
  parseChangeRoleRequirements,
} from './change-role-requirements/change-role-requirements.command.js';
import { DefineRole, parseDefineRole } from './define-role/define-role.command.js';
import { RoleRequirementsChanged } from './change-role-requirements/change-role-requirements.response.js';
import { RoleDefined } from './define-role/define-role.response.js';
import { defineRoleRequest } from './define-role/define-role.request.js';
import { changeRoleRequirementsRequest } from './job-role-details.js';

@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/roles')
export class RolesHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      "Defines a job role: the stage required on each personal capability that matters, qualifications and training (the organisation's learning lead)",
  })
  @ApiBody({ schema: requestSchema(defineRoleRequest) })
  @ApiCreatedResponse({ description: 'Defined', schema: responseSchema(RoleDefined) })
  define(@CurrentViewer() viewer: Viewer, @Body() body: unknown): Promise<RoleDefined> {
    // The organisation is in the body: anyone who manages none is refused before it is read.
    assertCan(canManageSomeOrganisation(viewer), 'define job roles');
    const role = parseDefineRole(body);
    assertCan(canManageOrganisation(viewer, role.organisationId), "define this organisation's roles");
    return this.commands.execute(new DefineRole(role, viewer.userId));
  }

  @Put(':id')
  @ApiOperation({ summary: "Changes a role's requirements; the previous ones stay in its history" })
  @ApiBody({ schema: requestSchema(changeRoleRequirementsRequest) })
  @ApiOkResponse({ schema: responseSchema(RoleRequirementsChanged) })
  async change(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<RoleRequirementsChanged> {
    const organisationId = await this.queries.execute(new GetRoleOrganisation(id));
    assertCan(
      organisationId !== undefined && canManageOrganisation(viewer, organisationId),
      "change this organisation's roles",
    );
    return this.commands.execute(
      new ChangeRoleRequirements(parseChangeRoleRequirements(id, body), organisationId, viewer.userId),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'A job role with its requirements (person specifications are not personal data)' })
  @ApiOkResponse({ schema: responseSchema(JobRoleView) })
  get(@Param('id') id: string): Promise<JobRoleView> {
    return this.queries.execute(new GetJobRole(id));
  }
}
