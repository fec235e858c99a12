import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { clfProfile } from '../profile/clf-profile.js';

// Serialised once: the profile is static, and a string body keeps Fastify from re-serialising per request.
const profileBody = JSON.stringify(clfProfile);

@ApiTags('xapi')
@Controller('xapi/profiles')
export class ClfProfileHttpController {
  @Get('clf')
  @Header('Content-Type', 'application/ld+json; charset=utf-8')
  @ApiOperation({
    summary: 'The CLF xAPI profile (JSON-LD, xAPI Profiles 1.0)',
    description: 'No credentials needed. Verbs, activity types, extensions, statement templates and patterns for CLF evidence.',
  })
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ description: 'The profile document, id https://w3id.org/xapi/clf' })
  profile(): string {
    return profileBody;
  }
}
