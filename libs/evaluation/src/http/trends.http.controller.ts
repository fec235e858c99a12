import { Controller, Get, Header, Headers, Param, Query, Res, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  assertCan,
  canReadAggregates,
  CurrentViewer,
  isPlatformAdmin,
  SignedInGuard,
  type Viewer,
} from '#libs/identity';
import { responseSchema } from '#libs/platform';
import { invalid } from '#libs/workforce';
import { NATIONAL } from '../read-model/cells.js';
import type { TrendAnswer } from '../queries/get-trend/get-trend.handler.js';
import { GetTrend } from '../queries/get-trend/get-trend.query.js';
import { trendResponse } from '../queries/get-trend/get-trend.response.js';
import { DIMENSIONS, parseTrendParams, TRENDS, type Trend } from '../queries/get-trend/trend-params.js';
import { rowsAsCsv } from './trends-csv.js';

const SUMMARIES: Record<Trend, string> = {
  adoption:
    'Organisations, those aware of the CLF (any adoption status recorded by the year end) and those using it (latest status), at each 31 December',
  'organisational-capabilities':
    'Per organisational capability: organisations with a completed audit by the year end, their self-assessed stages, and movement since the year before (`up`, `same`, `down` of the `comparable` ones, with an audit at both year ends)',
  'personal-capabilities':
    'Per personal capability: workers who are members of an organisation at the year end, their stages, and movement since the year before (`up`, `same`, `down` of the `comparable` ones, members at both year ends)',
  'learning-volume':
    'Learning activities, hours (activities and qualifications), feedback items by source, per year, and per worker',
  'role-fit': 'Workers with a job role at the year end, and how many meet every stage their role requires',
  impact:
    'The year’s movement of workers’ stages in organisations using the CLF at the previous year end against those not using it (a comparison, not a causal claim)',
};

/**
 * Evaluators' year-on-year trends (issue 16). National evaluators and platform admins read national
 * figures (or one organisation's, with `organisationId`); a learning lead or an organisation's
 * evaluator reads their own organisation's rows only. Workers and managers are refused. Counts of 1 to
 * 4 are hidden (see `privacy/suppress.ts`).
 */
@ApiTags('trends')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/trends')
export class TrendsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':trend')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'One year-on-year trend: rows { year, segment, ...counts, <count>Change, suppressed }',
    description: `${TRENDS.map((t) => `**${t}**: ${SUMMARIES[t]}.`).join('\n\n')}\n\nCounts from 1 to 4 are null and named in \`suppressed\`, with more counts of the same sum hidden where a hidden one could otherwise be worked out (by subtraction, or because a hidden count is at least 1); a change is null when either year's count is hidden.`,
  })
  @ApiParam({ name: 'trend', enum: TRENDS })
  @ApiQuery({ name: 'from', required: false, description: 'First year (default: the first with figures)' })
  @ApiQuery({ name: 'to', required: false, description: 'Last year (default: the latest year anything was recorded)' })
  @ApiQuery({
    name: 'by',
    required: false,
    enum: DIMENSIONS,
    description: 'Segment rows by this (role: worker trends only)',
  })
  @ApiQuery({ name: 'sector', required: false, enum: ['public', 'private', 'voluntary'] })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({ name: 'serviceType', required: false })
  @ApiQuery({ name: 'sizeBand', required: false, enum: ['micro', 'small', 'medium', 'large'] })
  @ApiQuery({ name: 'role', required: false, description: 'Job role name (worker trends only)' })
  @ApiQuery({
    name: 'capabilityId',
    required: false,
    description: 'organisational-capabilities and personal-capabilities only',
  })
  @ApiQuery({ name: 'organisationId', required: false, description: "One organisation's own figures" })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'Or Accept: text/csv' })
  @ApiOkResponse({
    description: 'The rows as JSON, or with format=csv (or Accept: text/csv) the same rows as CSV',
    content: {
      'application/json': { schema: responseSchema(trendResponse) },
      'text/csv': {
        schema: {
          type: 'string',
          description:
            'RFC 4180 with a header line: nested keys as parent.key columns, suppressed as its names separated by spaces, null as an empty cell',
        },
      },
    },
  })
  async trend(
    @CurrentViewer() viewer: Viewer,
    @Param('trend') trend: string,
    @Query() query: Record<string, unknown>,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!(TRENDS as readonly string[]).includes(trend)) invalid('trend', `must be one of ${TRENDS.join(', ')}`);
    const params = parseTrendParams(trend as Trend, query, accept);
    const scope = scopeOf(viewer, params.organisationId);
    const result: TrendAnswer = await this.queries.execute(new GetTrend(trend as Trend, params, scope));
    if (params.format === 'json') return result;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${trend}.csv"`);
    return rowsAsCsv(result.rows);
  }
}

/**
 * Whose figures: national for a national evaluator or an admin; else the one organisation the viewer
 * leads or evaluates (or names, when they have several). Nobody else reads any.
 */
function scopeOf(viewer: Viewer, organisationId: string | undefined): string {
  if (organisationId !== undefined) {
    assertCan(canReadAggregates(viewer, organisationId), "read this organisation's trends");
    return organisationId;
  }
  if (canReadAggregates(viewer)) return NATIONAL;
  const own = [
    ...new Set(
      viewer.roles.flatMap((r) =>
        (r.kind === 'learning-lead' || r.kind === 'evaluator') && r.organisationId ? [r.organisationId] : [],
      ),
    ),
  ];
  assertCan(own.length > 0 || isPlatformAdmin(viewer), 'read trends');
  if (own.length > 1)
    invalid('organisationId', `required: you may read several organisations' trends (${own.join(', ')})`);
  return own[0]!;
}
