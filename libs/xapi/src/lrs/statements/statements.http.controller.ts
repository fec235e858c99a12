import { Controller, Get, HttpCode, Inject, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseAcceptLanguage } from '../../statement-model/helpers/language.js';
import { LrsAuthGuard } from '../auth/lrs-auth.guard.js';
import type { LrsPrincipal } from '../auth/lrs-principal.js';
import { Principal } from '../auth/principal.decorator.js';
import { RequireScope } from '../auth/require-scope.decorator.js';
import { badRequest } from '../http/xapi-errors.js';
import { streamMultipart, type StreamedPart } from './multipart.js';
import { decodeMoreToken, parseStatementQuery, type StatementQuery } from './statement-query.js';
import { StatementReader } from './statement-reader.service.js';
import { StatementWriter } from './statement-writer.service.js';
import { isStatementsUpload, type ReceivedAttachment } from './statements-upload.js';
import { isUuid } from '../../statement-model/formats/uuid.js';

type Query = Record<string, string | string[] | undefined>;
const CONSISTENT_THROUGH = 'X-Experience-API-Consistent-Through';

/** The Statement resource (Communication 2.1): PUT, POST, GET (single and queries), HEAD. */
@ApiExcludeController()
@Controller('xapi/statements')
@UseGuards(LrsAuthGuard)
export class StatementsHttpController {
  constructor(
    @Inject(StatementWriter) private readonly writer: StatementWriter,
    @Inject(StatementReader) private readonly reader: StatementReader,
  ) {}

  @Put()
  @HttpCode(204)
  @RequireScope('statements/write')
  async put(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    // On every response of the resource, errors included (2.1.3.s2.b5); refreshed after a write.
    reply.header(CONSISTENT_THROUGH, await this.reader.consistentThrough());
    const query = request.query as Query;
    const extra = Object.keys(query).find((k) => k !== 'statementId');
    if (extra) throw badRequest(`${extra} parameter: PUT statements takes only statementId (Communication 2.1.1)`);
    const statementId = query.statementId;
    if (typeof statementId !== 'string')
      throw badRequest('statementId parameter: required for PUT (Communication 2.1.1)');
    if (!isUuid(statementId)) throw badRequest('statementId parameter: must be a UUID (Data 4.4)');
    const { statements, parts, batch } = readStatementsBody(request);
    if (batch) {
      throw badRequest('request body: PUT statements takes one statement, not an array (Communication 2.1.1)');
    }
    const statement = statements[0] as { id?: unknown };
    if (
      statement &&
      typeof statement === 'object' &&
      statement.id !== undefined &&
      String(statement.id).toLowerCase() !== statementId.toLowerCase()
    ) {
      throw badRequest(
        `statement.id: ${String(statement.id)} does not match the statementId parameter ${statementId} (Communication 2.1.1.s3.b3)`,
      );
    }
    const body = statement && typeof statement === 'object' ? { ...statement, id: statementId } : statement;
    try {
      await this.writer.store({ principal, version: request.xapiVersion!, statements: [body], parts, batch: false });
    } finally {
      await discardUpload(request);
    }
    reply.header(CONSISTENT_THROUGH, await this.reader.consistentThrough());
    await reply.status(204).send();
  }

  @Post()
  @RequireScope('statements/write')
  async post(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    reply.header(CONSISTENT_THROUGH, await this.reader.consistentThrough());
    const extra = Object.keys(request.query as Query)[0];
    if (extra) throw badRequest(`${extra} parameter: POST statements takes no parameters (Communication 2.1.2)`);
    let ids: string[];
    try {
      const { statements, parts, batch } = readStatementsBody(request);
      ids = await this.writer.store({ principal, version: request.xapiVersion!, statements, parts, batch });
    } finally {
      await discardUpload(request);
    }
    reply.header(CONSISTENT_THROUGH, await this.reader.consistentThrough());
    await reply.status(200).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(ids));
  }

  @Get()
  @RequireScope('statements/read', 'statements/read/mine', 'all/read')
  async get(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    reply.header(CONSISTENT_THROUGH, await this.reader.consistentThrough());
    const params = request.query as Query;
    const languages = parseAcceptLanguage(header(request, 'accept-language'));
    const query =
      typeof params.more === 'string' ? moreQuery(params) : parseStatementQuery(params, request.xapiVersion!);
    if (query.kind === 'single') {
      const result = await this.reader.single(principal, query, languages);
      reply.header('last-modified', new Date(result.stored).toUTCString());
      await this.send(reply, principal, result.json, query.attachments ? result.attachmentHashes : undefined);
      return;
    }
    const page = await this.reader.page(principal, query, languages);
    if (page.lastStored) reply.header('last-modified', new Date(page.lastStored).toUTCString());
    await this.send(reply, principal, page.json, query.attachments ? page.attachmentHashes : undefined);
  }

  /** JSON, or with `attachments=true` multipart/mixed: the JSON first, then each attachment's raw data. */
  private async send(
    reply: FastifyReply,
    principal: LrsPrincipal,
    json: string,
    attachmentHashes?: string[],
  ): Promise<void> {
    if (!attachmentHashes) {
      await reply.status(200).header('content-type', 'application/json; charset=utf-8').send(json);
      return;
    }
    const attachments = await this.reader.attachments(principal.organisationId, attachmentHashes);
    const parts: StreamedPart[] = [
      {
        headers: { 'Content-Type': 'application/json' },
        length: Buffer.byteLength(json),
        content: async function* () {
          yield Buffer.from(json);
        },
      },
      ...attachments.map((a) => ({
        headers: {
          'Content-Type': a.contentType,
          'Content-Transfer-Encoding': 'binary',
          'X-Experience-API-Hash': a.sha2,
        },
        length: a.length,
        content: () => a.chunks(),
      })),
    ];
    const multipart = streamMultipart(parts);
    await reply
      .status(200)
      .header('content-type', multipart.contentType)
      .header('content-length', multipart.length)
      .send(multipart.body);
  }
}

function moreQuery(params: Query): StatementQuery {
  const extra = Object.keys(params).find((k) => k !== 'more');
  if (extra) throw badRequest(`${extra} parameter: not allowed with more; the more IRL carries the whole query`);
  return decodeMoreToken(params.more as string);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The statements of a PUT or POST: `application/json` (a statement or an array), or
 * `multipart/mixed` with the statements first and one part per attachment (Communication 1.5.2), which
 * the body parser has already read and checked part by part (statements-upload.ts).
 */
function readStatementsBody(request: FastifyRequest): {
  statements: unknown[];
  parts: Map<string, ReceivedAttachment>;
  batch: boolean;
} {
  const contentType = (header(request, 'content-type') ?? '').toLowerCase();
  let json: unknown;
  let parts = new Map<string, ReceivedAttachment>();
  if (contentType.startsWith('application/json')) {
    json = request.body;
  } else if (contentType.startsWith('multipart/mixed') && isStatementsUpload(request.body)) {
    json = request.body.json;
    parts = request.body.parts;
  } else {
    throw badRequest(
      `Content-Type: statements must be sent as application/json or multipart/mixed, not "${contentType || 'none'}" (Communication 1.5)`,
    );
  }
  if (json === undefined)
    throw badRequest('request body: a statement or an array of statements is required (Communication 2.1.2)');
  const batch = Array.isArray(json);
  const statements = batch ? (json as unknown[]) : [json];
  if (batch && statements.length === 0) throw badRequest('request body: the array of statements is empty');
  return { statements, parts, batch };
}

/**
 * The spooled attachments are not needed once the statements are stored or refused (the body parser's
 * onResponse hook removes them too, for requests that never get this far).
 */
async function discardUpload(request: FastifyRequest): Promise<void> {
  if (isStatementsUpload(request.body)) await request.body.discard();
}
