import { Controller, Get, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBasicAuth, ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { checkClfStatement, type ClfStatementCheck } from '#libs/framework';
import {
  badRequest,
  formatIssue,
  LrsAuthGuard,
  type LrsPrincipal,
  Principal,
  RequireScope,
  validateStatement,
} from '#libs/xapi';
import { requestSchema } from '#libs/platform';
import { InvalidInputError } from '../domain/errors.js';
import { ListClientClfRejections } from '../queries/list-client-clf-rejections/list-client-clf-rejections.query.js';
import { rejectionsPageOf, type RejectionsList } from './clf-rejections.read-model.js';
import { validateClfStatementsRequest } from './validate-clf-statements.request.js';

export interface StatementValidation extends ClfStatementCheck {
  /** Position in the request (0 for a single statement). */
  index: number;
  statementId?: string;
  /** Whether the LRS would store it at all (xAPI validation for the request's X-Experience-API-Version). */
  xapi: { valid: boolean; problems: string[] };
}

/**
 * For LMS vendors: whether their CLF statements count, before or after sending them. Under /xapi with the
 * LRS's own rules: HTTP Basic with the client's key and secret, the xAPI error shape, and for the validation
 * X-Experience-API-Version (GETs under /xapi/profiles/ need none).
 */
@ApiTags('xapi')
@ApiBasicAuth()
@UseGuards(LrsAuthGuard)
@Controller('xapi/profiles/clf')
export class ClfConformanceHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Post('validate')
  @HttpCode(200)
  @ApiHeader({
    name: 'X-Experience-API-Version',
    required: true,
    example: '2.0.0',
    description: 'the xAPI version the statements are checked against',
  })
  @ApiOperation({
    summary: 'Checks statements against the CLF profile without storing them',
    description:
      'Body: one statement or an array (at most 1000). Per statement: `outcome` (`not-clf`: uses no CLF vocabulary; `recognised`: counts as CLF evidence, `recognisedAs` says as what; `not-recognised`: a CLF statement that counts for nothing, `reason` says why), where it uses the CLF vocabulary, the templates it matches and the template rules it breaks (with the rule as the profile states it), and whether the LRS would store it at all (`xapi`).',
  })
  @ApiBody({ schema: requestSchema(validateClfStatementsRequest) })
  validate(@Req() request: FastifyRequest, @Principal() principal: LrsPrincipal): { results: StatementValidation[] } {
    const statements = statementsOf(request);
    const version = request.xapiVersion ?? '2.0.0';
    return {
      results: statements.map((statement, index) => validation(statement, index, version, principal.organisationId)),
    };
  }

  @Get('rejections')
  @RequireScope('statements/write', 'statements/read/mine')
  @ApiOperation({
    summary: "This LRS client's most recent CLF statements that count for nothing, with the reasons (newest first)",
    description: 'The statements stay stored (they are valid xAPI); the 100 most recent per client are kept.',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1-100, default 50' })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  async rejections(
    @Principal() principal: LrsPrincipal,
    @Query() query: Record<string, unknown>,
  ): Promise<RejectionsList> {
    const unknown = Object.keys(query).find((k) => k !== 'limit' && k !== 'after');
    if (unknown) throw badRequest(`${unknown} parameter: not a parameter of this resource (limit, after)`);
    try {
      const page = rejectionsPageOf(query);
      return await this.queries.execute(new ListClientClfRejections(principal.organisationId, principal.key, page));
    } catch (error) {
      if (error instanceof InvalidInputError) throw badRequest(`${error.field} parameter: ${error.rule}`);
      throw error;
    }
  }
}

function statementsOf(request: FastifyRequest): unknown[] {
  const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
  if (!contentType.startsWith('application/json')) {
    throw badRequest(`Content-Type: send the statements as application/json, not "${contentType || 'none'}"`);
  }
  const parsed = validateClfStatementsRequest.safeParse(request.body);
  if (!parsed.success) throw badRequest(`request body: ${parsed.error.issues[0]!.message}`);
  return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
}

function validation(
  statement: unknown,
  index: number,
  version: NonNullable<FastifyRequest['xapiVersion']>,
  organisationId: string,
): StatementValidation {
  const issues = validateStatement(statement, { version });
  const id = (statement as { id?: unknown } | null)?.id;
  return {
    index,
    ...(typeof id === 'string' ? { statementId: id } : {}),
    // As the LRS will store it: with `stored`, which recognition takes for a missing timestamp (the
    // template rule asking for a timestamp still reports it).
    ...checkClfStatement(isObject(statement) ? { ...statement, stored: new Date().toISOString() } : statement, {
      organisationId,
    }),
    xapi: { valid: issues.length === 0, problems: issues.map((issue) => formatIssue(issue)) },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
