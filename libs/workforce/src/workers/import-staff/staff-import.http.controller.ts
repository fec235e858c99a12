import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCan, canManageOrganisation, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { responseSchema } from '#libs/platform';
import { dateOf } from '../../domain/input.js';
import { reachOf } from '../../http/worker-access.service.js';
import { ImportStaff, parseStaffImport, STAFF_IMPORT_MAX_ROWS, StaffImported } from './import-staff.command.js';

/** The request body as OpenAPI documents it; `parseStaffImport` reads exactly these (STAFF_ROW_PROPERTIES). */
const STAFF_IMPORT_BODY = {
  type: 'object',
  required: ['workers'],
  additionalProperties: false,
  properties: {
    workers: {
      type: 'array',
      minItems: 1,
      maxItems: STAFF_IMPORT_MAX_ROWS,
      items: {
        type: 'object',
        required: ['identifiers'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          identifiers: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              description: 'an xAPI Agent identifier: one of mbox, mbox_sha1sum, openid, account',
            },
          },
          registrationNumber: { type: 'string' },
          joinedOn: { type: 'string', format: 'date', description: 'default: today' },
          roleId: { type: 'string', description: "one of this organisation's job roles, held from joinedOn" },
        },
      },
    },
  },
};

@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/organisations/:id/workers')
export class StaffImportHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('import')
  @HttpCode(201)
  @ApiOperation({
    summary: `Registers the organisation's staff list (at most ${STAFF_IMPORT_MAX_ROWS} rows): each row a worker joining on joinedOn, with a job role; all or nothing`,
    description:
      'One refused row refuses the list and writes nothing: 400 (invalid row), 404 (unknown role) or 409 (identifier already held), its `field` naming the row, e.g. `workers[3].joinedOn`.',
  })
  @ApiBody({ schema: STAFF_IMPORT_BODY })
  @ApiCreatedResponse({ description: "each row's worker id, in order", schema: responseSchema(StaffImported) })
  async import(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<StaffImported> {
    // Access first: another organisation's lead learns nothing from how a list would be refused.
    assertCan(canManageOrganisation(viewer, id), 'register workers of this organisation');
    const rows = parseStaffImport(id, body);
    const context = { actor: viewer.userId, tenantId: id };
    return this.commands.execute(new ImportStaff(id, rows, context, dateOf(new Date()), reachOf(viewer)));
  }
}
