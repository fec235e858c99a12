import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { z } from 'zod';
import { parseBody, requestSchema, responseSchema } from '#libs/platform';
import type { FastifyRequest } from 'fastify';
import { CurrentViewer } from '../access/current-viewer.decorator.js';
import { ADMIN_TOKEN_USER_ID, SignedInGuard, type RequestWithViewer } from '../access/signed-in.guard.js';
import type { Viewer } from '../access/viewer.js';
import { GetUser } from '../users/get-user/get-user.query.js';
import type { SignedIn } from './sessions.service.js';
import { SignIn } from './sign-in/sign-in.command.js';
import { SignOut } from './sign-out/sign-out.command.js';
import { meResponse, signedInResponse } from './sessions.response.js';
import { signInRequest } from './sign-in/sign-in.request.js';
import { HASHING_BUSY_DESCRIPTION } from '../passwords/password-hash.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Signs in with email and password; the token is the bearer token for /api' })
  @ApiBody({ schema: requestSchema(signInRequest) })
  @ApiOkResponse({ description: 'Signed in', schema: responseSchema(signedInResponse) })
  @ApiResponse({ status: 400, description: 'email or password missing; the message names the field' })
  @ApiResponse({ status: 401, description: 'The email or password is wrong (one message for both)' })
  @ApiResponse({
    status: 429,
    description:
      'Too many failed sign-ins for this email: 10 from one address or 30 from all in 15 minutes; see Retry-After',
  })
  @ApiResponse({ status: 503, description: HASHING_BUSY_DESCRIPTION })
  async signIn(@Body() body: unknown, @Req() request: FastifyRequest): Promise<SignedIn> {
    // A 429 or 503 refusal carries its wait, which the problem details filter also sends as Retry-After.
    return this.commands.execute(new SignIn(parseBody(signInRequest, body), request.ip));
  }

  @Post('sign-out')
  @HttpCode(204)
  @UseGuards(SignedInGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Ends the session of the bearer token (ADMIN_TOKEN cannot be signed out of)' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiResponse({ status: 401, description: 'No valid session' })
  async signOut(@Req() request: RequestWithViewer): Promise<void> {
    if (request.sessionToken) await this.commands.execute(new SignOut(request.sessionToken));
  }

  @Get('me')
  @UseGuards(SignedInGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user and their roles' })
  @ApiOkResponse({ description: 'The user, or ADMIN_TOKEN', schema: responseSchema(meResponse) })
  @ApiResponse({ status: 401, description: 'No valid session' })
  async me(@CurrentViewer() viewer: Viewer): Promise<z.output<typeof meResponse>> {
    if (viewer.userId === ADMIN_TOKEN_USER_ID) return { id: ADMIN_TOKEN_USER_ID, roles: viewer.roles };
    const user = await this.queries.execute(new GetUser(viewer.userId));
    // The guard has just read this user; a concurrent deletion is the only way to get here.
    return user ?? { id: viewer.userId, roles: viewer.roles };
  }
}
