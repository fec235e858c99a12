import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCan, canManageOrganisation, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { responseSchema } from '#libs/platform';
import { dateOf } from '../../domain/input.js';
import { reachOf } from '../../http/worker-access.service.js';
import { MOVE_ACTIONS, MOVES_MAX_ROWS, MovesRecorded, parseMoves, RecordMoves } from './record-moves.command.js';

/** The request body as OpenAPI documents it; `parseMoves` reads exactly these (MOVE_PROPERTIES). */
const MOVES_BODY = {
  type: 'object',
  required: ['rows'],
  additionalProperties: false,
  properties: {
    rows: {
      type: 'array',
      minItems: 1,
      maxItems: MOVES_MAX_ROWS,
      items: {
        type: 'object',
        required: ['workerId', 'action', 'date'],
        additionalProperties: false,
        properties: {
          workerId: { type: 'string' },
          action: { type: 'string', enum: [...MOVE_ACTIONS] },
          date: { type: 'string', format: 'date', description: 'the day the worker joins, takes the role or leaves' },
          roleId: { type: 'string', description: "assign-role only: one of this organisation's job roles" },
        },
      },
    },
  },
};

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
  @ApiBody({ schema: MOVES_BODY })
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
