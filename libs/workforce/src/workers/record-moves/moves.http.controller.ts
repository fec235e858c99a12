import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCan, canManageOrganisation, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { requestSchema, responseSchema } from '#libs/platform';
import { dateOf } from '../../domain/input.js';
import { reachOf } from '../../http/worker-access.service.js';
import { MovesRecorded, parseMoves, RecordMoves } from './record-moves.command.js';
import { MOVES_MAX_ROWS, recordMovesRequest } from './record-moves.request.js';

@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/organisations/:id/workers')
export class MovesHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('moves')
  @HttpCode(201)
  @ApiOperation({
    summary: `Records staff turnover in this organisation (at most ${MOVES_MAX_ROWS} moves, in order): workers joining, taking a job role, leaving; all or nothing`,
    description:
      'Each move is decided as the single routes decide it (POST /api/workers/:id/memberships, …/roles, …/memberships/end), on the worker as the earlier moves left them. One refused move refuses them all and writes nothing: 400 (invalid move), 404 (a worker or role this organisation does not know) or 409 (not a member, already a member, the same role), its `field` naming the row, e.g. `rows[3].date`. A worker known to another organisation is invited instead of joining (`invited`).',
  })
  @ApiBody({ schema: requestSchema(recordMovesRequest) })
  @ApiCreatedResponse({ description: 'each move, in order', schema: responseSchema(MovesRecorded) })
  async record(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<MovesRecorded> {
    // Access first: another organisation's lead learns nothing from how the moves would be refused.
    assertCan(canManageOrganisation(viewer, id), 'record moves of workers in this organisation');
    const moves = parseMoves(body);
    const context = { actor: viewer.userId, tenantId: id };
    return this.commands.execute(new RecordMoves(id, moves, context, dateOf(new Date()), reachOf(viewer)));
  }
}
