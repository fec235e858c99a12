import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RUNTIME, type Runtime } from '#libs/platform';
import { STARTUP_STATE, type StartupState } from './startup-state.js';

@ApiTags('operations')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(STARTUP_STATE) private readonly startup: StartupState,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Readiness: 200 when the database and event store answer and start-up is done, 503 otherwise',
    description:
      'On the first embedded start, 503 with status "starting" and demoData "seeding" until the demo data set and its credentials exist.',
  })
  async health(@Res() reply: FastifyReply): Promise<void> {
    const checks = await Promise.allSettled([this.runtime.pool.query('select 1'), this.runtime.store.headPosition()]);
    const [database, eventStore] = checks.map((c) =>
      c.status === 'fulfilled' ? 'ok' : `error: ${(c.reason as Error).message}`,
    );
    const ok = database === 'ok' && eventStore === 'ok';
    const ready = ok && this.startup.ready;
    await reply.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({
      status: ready ? 'ok' : ok ? 'starting' : 'unavailable',
      database,
      eventStore: { kind: this.runtime.store.kind, status: eventStore },
      jobs: this.runtime.jobs.kind,
      embedded: Boolean(this.runtime.embedded),
      worker: this.runtime.config.runWorker,
      demoData: this.startup.demoData,
    });
  }
}
