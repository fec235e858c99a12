import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AboutHttpController } from './about/about.http.controller.js';
import { LrsAuthModule } from './auth/lrs-auth.module.js';
import { XapiDocumentsModule } from './documents/xapi-documents.module.js';
import { XapiExceptionFilter } from './http/xapi-errors.js';
import { StatementReader } from './statements/statement-reader.service.js';
import { StatementWriter } from './statements/statement-writer.service.js';
import { StatementsHttpController } from './statements/statements.http.controller.js';

/** The xAPI LRS under /xapi: every resource, its credentials, and xAPI-shaped errors. */
@Module({
  imports: [LrsAuthModule, XapiDocumentsModule],
  controllers: [AboutHttpController, StatementsHttpController],
  providers: [StatementWriter, StatementReader, { provide: APP_FILTER, useClass: XapiExceptionFilter }],
  // Domain modules store their evidence as statements through the LRS's own writer, in-process.
  exports: [StatementWriter],
})
export class XapiModule {}
