import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Runtime } from './runtime.js';

export const RUNTIME = Symbol('Runtime');
export const PG_POOL = Symbol('PgPool');
export const EVENT_STORE = Symbol('EventStore');
export const JOB_QUEUE = Symbol('JobQueue');
export const APP_CONFIG = Symbol('AppConfig');

/** Makes the process's adapters injectable everywhere by token. */
@Global()
@Module({})
export class PlatformModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: RUNTIME, useValue: runtime },
      { provide: PG_POOL, useValue: runtime.pool },
      { provide: EVENT_STORE, useValue: runtime.store },
      { provide: JOB_QUEUE, useValue: runtime.jobs },
      { provide: APP_CONFIG, useValue: runtime.config },
    ];
    return { module: PlatformModule, providers, exports: providers.map((p) => p.provide) };
  }
}
