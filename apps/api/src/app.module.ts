import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from '#libs/audit';
import { EvaluationModule } from '#libs/evaluation';
import { FrameworkHttpModule } from '#libs/framework';
import { IdentityModule } from '#libs/identity';
import { PlatformModule, type Runtime } from '#libs/platform';
import { XapiModule } from '#libs/xapi';
import { WorkforceModule } from '#libs/workforce';
import { GenerateHttpController } from './admin/generate.http.controller.js';
import { JobsHttpController } from './admin/jobs.http.controller.js';
import { ProjectionsHttpController } from './admin/projections.http.controller.js';
import { HealthHttpController } from './health/health.http.controller.js';
import { STARTUP_STATE, type StartupState } from './health/startup-state.js';
import { HttpErrorsFilter } from './http/http-errors.filter.js';
import { WebAppHttpController } from './web/web-app.http.controller.js';

@Module({})
export class AppModule {
  static forRuntime(runtime: Runtime, startup: StartupState): DynamicModule {
    return {
      module: AppModule,
      providers: [
        { provide: STARTUP_STATE, useValue: startup },
        { provide: APP_FILTER, useClass: HttpErrorsFilter },
      ],
      imports: [
        PlatformModule.forRuntime(runtime),
        FrameworkHttpModule,
        XapiModule,
        IdentityModule,
        WorkforceModule,
        AuditModule,
        EvaluationModule,
      ],
      controllers: [
        HealthHttpController,
        ProjectionsHttpController,
        JobsHttpController,
        GenerateHttpController,
        WebAppHttpController,
      ],
    };
  }
}
