import { Controller, Get, Header, Param, Query, Res, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { findCapability } from '#libs/framework';
import { CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { pageLimit, responseSchema } from '#libs/platform';
import { invalid } from '../domain/errors.js';
import { parseInstant } from '../domain/input.js';
import { WorkerAccess } from '../http/worker-access.service.js';
import { CapabilityProfile } from '../read-model/capability-profile.js';
import { EvidenceExport, exportAsCsv, exportAsHtml } from '../read-model/evidence-export.js';
import { RoleGap } from '../read-model/role-gap.js';
import { StageHistory } from '../read-model/stage-history.js';
import { GetCapabilityProfile } from './get-capability-profile/get-capability-profile.query.js';
import { GetEvidenceExport } from './get-evidence-export/get-evidence-export.query.js';
import { GetRoleGap } from './get-role-gap/get-role-gap.query.js';
import { GetStageHistory } from './get-stage-history/get-stage-history.query.js';
import { GetTimeline } from './get-timeline/get-timeline.query.js';
import { parseKinds, TimelinePage } from '../read-model/timeline.js';

/** Reads of one worker's record: each needs the worker, their manager, their learning lead or an admin (never an evaluator). */
@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/workers/:id')
export class WorkerRecordHttpController {
  constructor(
    private readonly access: WorkerAccess,
    private readonly queries: QueryBus,
  ) {}

  @Get('capabilities')
  @ApiOperation({
    summary:
      'Stage on each of the 17 personal capabilities, with the evidence behind each indicator and what the next stage still needs',
  })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'date or timestamp; the profile as the evidence stood then (default now)',
  })
  @ApiOkResponse({ schema: responseSchema(CapabilityProfile) })
  async capabilities(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Query('asOf') asOf?: string,
  ): Promise<CapabilityProfile> {
    const { visibility } = await this.access.readableView(viewer, id);
    return this.queries.execute(new GetCapabilityProfile(id, instant(asOf, 'asOf', new Date(), true), visibility));
  }

  @Get('capabilities/history')
  @ApiOperation({ summary: 'Every change of stage, with its date and the evidence that caused it' })
  @ApiOkResponse({ schema: responseSchema(StageHistory) })
  async history(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<StageHistory> {
    const { visibility } = await this.access.readableView(viewer, id);
    return this.queries.execute(new GetStageHistory(id, visibility));
  }

  @Get('timeline')
  @ApiOperation({
    summary: "Everything recorded about the worker, newest first, paginated with `after` = the previous page's `next`",
  })
  @ApiQuery({ name: 'kind', required: false, description: 'comma-separated record kinds' })
  @ApiQuery({ name: 'capabilityId', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  @ApiQuery({ name: 'after', required: false })
  @ApiOkResponse({ schema: responseSchema(TimelinePage) })
  async timeline(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Query() query: Record<string, string | undefined>,
  ): Promise<TimelinePage> {
    const { visibility } = await this.access.readableView(viewer, id);
    if (query.capabilityId !== undefined && !findCapability(query.capabilityId))
      invalid('capabilityId', 'must be the id of a capability of the catalogue');
    return this.queries.execute(
      new GetTimeline(
        id,
        {
          kinds: parseKinds(query.kind),
          capabilityId: query.capabilityId,
          from: query.from === undefined ? undefined : parseInstant(query.from, 'from'),
          to: query.to === undefined ? undefined : parseInstant(query.to, 'to'),
          limit: limit(query.limit),
          after: query.after,
        },
        visibility,
      ),
    );
  }

  @Get('role-gap')
  @ApiOperation({
    summary:
      "Requirements of the worker's current role, or of any role, against their stages: transferable strengths and gaps",
  })
  @ApiQuery({ name: 'roleId', required: false, description: 'default: the role the worker holds now' })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiOkResponse({ schema: responseSchema(RoleGap) })
  async roleGap(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Query('roleId') roleId?: string,
    @Query('asOf') asOf?: string,
  ): Promise<RoleGap> {
    const { visibility } = await this.access.readableView(viewer, id);
    const at = instant(asOf, 'asOf', new Date(), true);
    return this.queries.execute(new GetRoleGap(id, roleId || undefined, at, visibility));
  }

  @Get('evidence-export')
  @ApiOperation({
    summary:
      'The evidence of a period with hours of learning, for post-registration training and learning: JSON, CSV or a printable HTML page',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'html'] })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'exclusive; a date means up to the end of that day (default now)',
  })
  @ApiOkResponse({
    description: 'format=json (default): the export as JSON; csv: a spreadsheet download; html: a printable page',
    content: {
      'application/json': { schema: responseSchema(EvidenceExport) },
      'text/csv': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @Header('cache-control', 'no-store')
  async export(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('format') format = 'json',
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<EvidenceExport | string> {
    // Access first: a caller who may not read the record is refused alike whatever the format.
    const { worker, visibility } = await this.access.readableView(viewer, id);
    if (!['json', 'csv', 'html'].includes(format)) invalid('format', 'must be one of json, csv, html');
    const data = await this.queries.execute(
      new GetEvidenceExport(
        worker,
        from === undefined ? undefined : parseInstant(from, 'from'),
        instant(to, 'to', new Date(), true),
        visibility,
      ),
    );
    if (format === 'json') return data;
    const name = `learning-record-${worker.id}`;
    if (format === 'csv') {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`);
      return exportAsCsv(data);
    }
    void reply.header('content-type', 'text/html; charset=utf-8');
    return exportAsHtml(data);
  }
}

/** A date given alone means the whole of that day: "as of 2026-02-03" includes what happened on the 3rd. */
function instant(value: string | undefined, field: string, fallback: Date, endOfDay: boolean): Date {
  if (value === undefined || value === '') return fallback;
  const parsed = parseInstant(value, field);
  return endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(parsed.getTime() + 86_400_000 - 1) : parsed;
}

function limit(value: string | undefined): number {
  return (
    pageLimit(value, { defaultLimit: 50, maxLimit: 500 }) ?? invalid('limit', 'must be a whole number from 1 to 500')
  );
}
