import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCan, canManageOrganisation, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { requestSchema, responseSchema } from '#libs/platform';
import { dateOf } from '../../domain/input.js';
import { reachOf } from '../../http/worker-access.service.js';
import { ImportStaff, parseStaffImport, StaffImported } from './import-staff.command.js';
import { importStaffRequest, STAFF_IMPORT_MAX_ROWS } from './import-staff.request.js';

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
  @ApiBody({ schema: requestSchema(importStaffRequest) })
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
