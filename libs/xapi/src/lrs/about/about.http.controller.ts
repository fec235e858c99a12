import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** The versions this LRS speaks, latest patch of each (Communication 2.8). */
export const SUPPORTED_VERSIONS = ['1.0.3', '2.0.0'] as const;

export const ABOUT_EXTENSION = 'https://continuum.example/xapi/extensions/lrs';

/** GET /xapi/about needs neither credentials nor a version header: it is how a client finds both out. */
@ApiExcludeController()
@Controller('xapi/about')
export class AboutHttpController {
  @Get()
  @Header('content-type', 'application/json; charset=utf-8')
  about(): { version: string[]; extensions: Record<string, unknown> } {
    return {
      version: [...SUPPORTED_VERSIONS],
      extensions: {
        [ABOUT_EXTENSION]: {
          name: 'Continuum',
          description: 'Event-sourced xAPI LRS for the Continuous Learning Framework',
          alternateRequestSyntax: '1.0.3 only',
        },
      },
    };
  }
}
