import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { signedInBodyGate } from '#libs/identity';
import { registerAuthenticationBeforeBody, type Runtime } from '#libs/platform';
import { LrsClientsService, lrsBodyGate, registerXapiHttp } from '#libs/xapi';
import { evidenceBodySchemas } from '#libs/workforce';
import { AppModule } from './app.module.js';
import { checkResponsesAgainstDocument } from './http/checked-responses.js';
import { refuseUndocumentedProperties } from './http/closed-bodies.js';
import { documentProblems } from './http/openapi-problems.js';
import { StartupState } from './health/startup-state.js';
import { registerWebAssets } from './web/web-app.js';

export interface ApiAppOptions {
  logger?: false | ('log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal')[];
  /** What the process still does after it listens (main.ts: the demo data); by default nothing. */
  startup?: StartupState;
}

/** Builds the HTTP application (not yet listening); tests use this with their own runtime. */
export async function createApiApp(runtime: Runtime, options: ApiAppOptions = {}): Promise<NestFastifyApplication> {
  // X-Forwarded-For is believed only from configured proxies (TRUST_PROXY): from anyone else it would let
  // a client choose its own address, and with it a fresh sign-in limit per request.
  // (Fastify takes a number of hops too; Nest's option type leaves the number out.)
  const trustProxy = runtime.config.trustProxy as boolean | string[];
  const adapter = new FastifyAdapter({ bodyLimit: runtime.config.maxRequestBytes, trustProxy });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRuntime(runtime, options.startup ?? new StartupState()),
    adapter,
    {
      logger: options.logger ?? ['error', 'warn'],
      // Body parsing is registerXapiHttp's: it keeps the raw body that xAPI documents are stored as.
      bodyParser: false,
    },
  );
  registerAuthenticationBeforeBody(app.getHttpAdapter().getInstance(), [
    lrsBodyGate(app.get(LrsClientsService)),
    signedInBodyGate(runtime),
  ]);
  registerXapiHttp(app.getHttpAdapter().getInstance(), {
    maxBytes: runtime.config.maxAttachmentBytes,
    maxStatementsBytes: runtime.config.maxRequestBytes,
    spoolDir: runtime.config.attachmentSpoolDir,
  });
  registerWebAssets(app.getHttpAdapter().getInstance());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Continuum API')
      .setDescription('Domain API of Continuum. The xAPI LRS is at /xapi and follows the xAPI specification.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  // Schemas that routes refer to by $ref and that no class declares (Nest only collects classes).
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...evidenceBodySchemas() },
  };
  documentProblems(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  refuseUndocumentedProperties(app.getHttpAdapter().getInstance(), document);
  if (runtime.config.validateApiResponses) checkResponsesAgainstDocument(app.getHttpAdapter().getInstance(), document);
  return app;
}
