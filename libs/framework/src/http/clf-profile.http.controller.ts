import { Controller, Get, HttpException, HttpStatus, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clfProfile } from '../profile/clf-profile.js';
import { clfProfilePage } from './clf-profile-page.js';
import { preferredMediaType } from './media-type.js';

// Serialised once: the profile is static, and a string body keeps Fastify from re-serialising per request.
const profileBody = JSON.stringify(clfProfile);
const profilePage = clfProfilePage(clfProfile, profileBody);

// JSON-LD first: a client that states no preference (tools, curl) gets the profile document itself.
const OFFERED = ['application/ld+json', 'application/json', 'text/html'] as const;

@ApiTags('xapi')
@Controller('xapi/profiles')
export class ClfProfileHttpController {
  @Get('clf')
  @ApiOperation({
    summary: 'The CLF xAPI profile (JSON-LD, xAPI Profiles 1.0)',
    description:
      'No credentials and no X-Experience-API-Version needed. Verbs, activity types, extensions, statement templates and patterns for CLF evidence. ' +
      'Content negotiation: application/ld+json (default), application/json (the same document), text/html (a readable page with the JSON-LD embedded).',
  })
  @ApiProduces(...OFFERED)
  @ApiOkResponse({ description: 'The profile document, id https://w3id.org/xapi/clf' })
  async profile(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const type = preferredMediaType(request.headers.accept, OFFERED);
    reply.header('vary', 'Accept');
    if (!type)
      throw new HttpException(
        `Accept header: this profile is available as ${OFFERED.join(', ')}`,
        HttpStatus.NOT_ACCEPTABLE,
      );
    await reply.header('content-type', `${type}; charset=utf-8`).send(type === 'text/html' ? profilePage : profileBody);
  }
}
