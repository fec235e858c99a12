import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RUNTIME, type Runtime } from '#libs/platform';

@ApiTags('operations')
@Controller('health')
export class HealthHttpController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Get()
  @ApiOperation({ summary: 'Readiness: 200 when the database and event store answer, 503 otherwise' })
  async health(@Res() reply: FastifyReply): Promise<void> {
    const checks = await Promise.allSettled([
      this.runtime.pool.query('select 1'),
      this.runtime.store.headPosition(),
    ]);
    const [database, eventStore] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : `error: ${(c.reason as Error).message}`));
    const ok = database === 'ok' && eventStore === 'ok';
    await reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({
      status: ok ? 'ok' : 'unavailable',
      database,
      eventStore: { kind: this.runtime.store.kind, status: eventStore },
      jobs: this.runtime.jobs.kind,
      embedded: Boolean(this.runtime.embedded),
      worker: this.runtime.config.runWorker,
    });
  }
}
