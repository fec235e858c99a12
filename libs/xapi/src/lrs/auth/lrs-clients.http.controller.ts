import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
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
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AdminGuard, invalidInput, requestSchema, responseSchema } from '#libs/platform';
import { DEFAULT_ORGANISATION_ID, parseNewLrsClient } from './lrs-client-input.js';
import { ListLrsClients } from './list-lrs-clients/list-lrs-clients.query.js';
import type { CreatedLrsClient, LrsClientView } from './lrs-client-rows.js';
import { createdLrsClientResponse, lrsClientsResponse } from './lrs-client.response.js';
import { ORGANISATION_DIRECTORY, type OrganisationDirectory } from './organisation-directory.js';
import { SECRET_HASHING_BUSY_DESCRIPTION } from './lrs-secret.js';
import { RegisterLrsClient } from './register-lrs-client/register-lrs-client.command.js';
import { RevokeLrsClient } from './revoke-lrs-client/revoke-lrs-client.command.js';
import { newLrsClientRequest } from './register-lrs-client/register-lrs-client.request.js';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin/lrs-clients')
export class LrsClientsHttpController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    // Absent only where the LRS runs without the workforce lib (its own tests): then any organisation id goes.
    @Optional() @Inject(ORGANISATION_DIRECTORY) private readonly organisations?: OrganisationDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Registers an LRS client (HTTP Basic key and secret for /xapi); the secret is shown only in this response',
  })
  @ApiBody({ schema: requestSchema(newLrsClientRequest) })
  @ApiCreatedResponse({
    description: 'The client with its secret',
    schema: responseSchema(createdLrsClientResponse),
  })
  @ApiResponse({ status: 400, description: 'A property breaks a rule; the message names it' })
  @ApiResponse({ status: 503, description: SECRET_HASHING_BUSY_DESCRIPTION })
  @ApiResponse({ status: 404, description: 'organisationId names no registered organisation' })
  async create(@Body() body: unknown): Promise<CreatedLrsClient> {
    const parsed = parseNewLrsClient(body);
    if (!parsed.client) throw invalidInput(parsed.problems);
    await this.requireOrganisation(parsed.client.organisationId);
    return this.commands.execute(new RegisterLrsClient(parsed.client));
  }

  @Get()
  @ApiOperation({ summary: 'LRS clients, revoked ones included (never their secrets)' })
  @ApiQuery({ name: 'organisationId', required: false })
  @ApiOkResponse({ schema: responseSchema(lrsClientsResponse) })
  list(@Query('organisationId') organisationId?: string): Promise<LrsClientView[]> {
    return this.queries.execute(new ListLrsClients(organisationId || undefined));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revokes an LRS client: its credentials stop working at once (in other API processes within 60 s)',
  })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiResponse({ status: 404, description: 'No client with this id' })
  async revoke(@Param('id') id: string): Promise<void> {
    if ((await this.commands.execute(new RevokeLrsClient(id))) === 'not-found')
      throw new NotFoundException(`No LRS client with id "${id}"`);
  }

  private async requireOrganisation(organisationId: string): Promise<void> {
    if (organisationId === DEFAULT_ORGANISATION_ID || !this.organisations) return;
    if (!(await this.organisations.isRegistered(organisationId))) {
      throw new NotFoundException(`organisationId: no organisation "${organisationId}" is registered`);
    }
  }
}
