import { Module } from '@nestjs/common';
import { AboutHttpController } from './about/about.http.controller.js';
import { LrsAuthModule } from './auth/lrs-auth.module.js';
import { XapiDocumentsModule } from './documents/xapi-documents.module.js';
import { StatementReader } from './statements/statement-reader.service.js';
import { StatementWriter } from './statements/statement-writer.service.js';
import { StatementsHttpController } from './statements/statements.http.controller.js';

/** The xAPI LRS under /xapi: every resource and its credentials (the app renders its errors with XapiExceptionFilter). */
@Module({
  imports: [LrsAuthModule, XapiDocumentsModule],
  controllers: [AboutHttpController, StatementsHttpController],
  providers: [StatementWriter, StatementReader],
  // Domain modules store their evidence as statements through the LRS's own writer, in-process.
  exports: [StatementWriter],
})
export class XapiModule {}
