import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TrendsHttpController } from './http/trends.http.controller.js';
import { GetTrendHandler } from './queries/get-trend/get-trend.handler.js';

/** Evaluators' trends under /api/trends. Needs PlatformModule (PG_POOL); its projection is registered in libs/composition. */
@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [TrendsHttpController],
  providers: [GetTrendHandler],
})
export class EvaluationModule {}
