import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isClientRoute, readIndexPage, WEB_APP_HEADERS } from './web-app.js';

/**
 * `/` and every client-side route of the web app answer its index.html, so a bookmark or a reload of
 * `/workers/…/timeline` opens the app there. Unknown paths under /api, /xapi, /health and /assets,
 * and requests that do not ask for a page, keep the 404 they had (thrown here as Nest's router would,
 * so every exception filter renders it).
 */
@ApiExcludeController()
@Controller()
export class WebAppHttpController {
  @Get()
  async index(@Res() reply: FastifyReply): Promise<void> {
    await this.send(reply);
  }

  @Get('*')
  async clientRoute(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const path = request.url.split('?')[0]!;
    if (!isClientRoute(path, request.headers.accept))
      throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
    await this.send(reply);
  }

  /** Read on every visit (a small file the OS keeps cached), so a rebuild is served without a restart. */
  private async send(reply: FastifyReply): Promise<void> {
    const page = readIndexPage();
    await reply
      .status(page.built ? 200 : 503)
      .headers(WEB_APP_HEADERS)
      .send(page.html);
  }
}
