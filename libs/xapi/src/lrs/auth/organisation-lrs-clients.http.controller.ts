import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Optional,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { assertCan, canManageOrganisation, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { fieldProblem, invalidInput, requestSchema, responseSchema, type ProblemException } from '#libs/platform';
import { createdLrsClientResponse, lrsClientPageResponse } from './lrs-client.response.js';
import { DEFAULT_ORGANISATION_ID, parseNewLrsClient } from './lrs-client-input.js';
import { CLIENT_PAGE_LIMITS, parseClientPage } from './lrs-client-page.js';
import type { LrsClientPage } from './list-organisation-lrs-clients/list-organisation-lrs-clients.handler.js';
import { ListOrganisationLrsClients } from './list-organisation-lrs-clients/list-organisation-lrs-clients.query.js';
import type { CreatedLrsClient } from './lrs-client-rows.js';
import { ORGANISATION_DIRECTORY, type OrganisationDirectory } from './organisation-directory.js';
import { SECRET_HASHING_BUSY_DESCRIPTION } from './lrs-secret.js';
import { RegisterLrsClient } from './register-lrs-client/register-lrs-client.command.js';
import { RevokeLrsClient } from './revoke-lrs-client/revoke-lrs-client.command.js';
import { newOrganisationLrsClientRequest } from './register-lrs-client/register-lrs-client.request.js';

/**
 * An organisation's own LRS clients, managed by its learning lead (or a platform admin) without
 * ADMIN_TOKEN. Access is decided before existence: anyone else gets the same 403 for a real and an
 * unknown organisation, and a client of another organisation is a 404 like an unknown id.
 */
@ApiTags('lrs-clients')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/organisations/:organisationId/lrs-clients')
@ApiParam({ name: 'organisationId', description: 'The organisation whose LRS clients these are' })
@ApiResponse({ status: 403, description: "Not this organisation's learning lead or a platform admin" })
@ApiResponse({ status: 404, description: 'No organisation (or, for revoke, no client of it) with this id' })
export class OrganisationLrsClientsHttpController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    // Absent only where the LRS runs without the workforce lib (its own tests): then any organisation id goes.
    @Optional() @Inject(ORGANISATION_DIRECTORY) private readonly organisations?: OrganisationDirectory,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "The organisation's LRS clients, revoked ones included, oldest first, a page at a time (never their secrets)",
  })
  @ApiQuery({ name: 'limit', required: false, description: `1-${CLIENT_PAGE_LIMITS.maxLimit}, default 50` })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  @ApiOkResponse({ schema: responseSchema(lrsClientPageResponse) })
  async list(
    @CurrentViewer() viewer: Viewer,
    @Param('organisationId') organisationId: string,
    @Query() query: { limit?: string; after?: string },
  ): Promise<LrsClientPage> {
    await this.mayManage(viewer, organisationId);
    const parsed = parseClientPage(query);
    if (!parsed.page) throw invalid(parsed.problem.field, parsed.problem.rule);
    return this.queries.execute(new ListOrganisationLrsClients(organisationId, parsed.page));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Registers an LRS client of the organisation (HTTP Basic key and secret for /xapi); the secret is shown only in this response',
  })
  @ApiBody({ schema: requestSchema(newOrganisationLrsClientRequest) })
  @ApiCreatedResponse({
    description: 'The client with its secret',
    schema: responseSchema(createdLrsClientResponse),
  })
  @ApiResponse({ status: 400, description: 'A property breaks a rule; the message names it' })
  @ApiResponse({ status: 503, description: SECRET_HASHING_BUSY_DESCRIPTION })
  async create(
    @CurrentViewer() viewer: Viewer,
    @Param('organisationId') organisationId: string,
    @Body() body: unknown,
  ): Promise<CreatedLrsClient> {
    await this.mayManage(viewer, organisationId);
    const parsed = parseNewLrsClient(body, organisationId);
    if (!parsed.client) throw invalidInput(parsed.problems);
    return this.commands.execute(new RegisterLrsClient(parsed.client, viewer.userId));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Revokes an LRS client of the organisation: its credentials stop working at once (in other API processes within 60 s)',
  })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  async revoke(
    @CurrentViewer() viewer: Viewer,
    @Param('organisationId') organisationId: string,
    @Param('id') id: string,
  ): Promise<void> {
    await this.mayManage(viewer, organisationId);
    if ((await this.commands.execute(new RevokeLrsClient(id, viewer.userId, organisationId))) === 'not-found') {
      throw notFound('id', `no LRS client "${id}" of organisation "${organisationId}"`);
    }
  }

  private async mayManage(viewer: Viewer, organisationId: string): Promise<void> {
    assertCan(canManageOrganisation(viewer, organisationId), "manage this organisation's LRS clients");
    // The bootstrap client's `default` organisation exists without being registered.
    if (organisationId === DEFAULT_ORGANISATION_ID || !this.organisations) return;
    if (!(await this.organisations.isRegistered(organisationId))) {
      throw notFound('organisationId', `no organisation "${organisationId}" is registered`);
    }
  }
}

/** The /api error body (as the workforce's): the message starts with the field, which is also given alone. */
function invalid(field: string, rule: string): ProblemException {
  return fieldProblem(400, [{ field, rule }]);
}

function notFound(field: string, rule: string): ProblemException {
  return fieldProblem(404, [{ field, rule }]);
}
