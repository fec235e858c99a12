import { Body, Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { generateRequest, parseGenerateOptions, type GenerateJobData } from '#libs/generator';
import { GENERATE_JOB } from '#libs/composition';
import { AdminGuard, requestSchema, responseSchema, RUNTIME, type Runtime } from '#libs/platform';
import { JobView } from './job.response.js';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin/generate')
export class GenerateHttpController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Starts a background job that generates a realistic, reproducible data set (organisations, adoption, audits, workers with turnover, evidence and learning as xAPI statements) through this API; follow it at /api/admin/jobs/:id',
  })
  @ApiBody({ schema: requestSchema(generateRequest) })
  @ApiAcceptedResponse({ description: 'The job, waiting', schema: responseSchema(JobView) })
  async generate(@Body() body: unknown, @Req() request: FastifyRequest): Promise<JobView> {
    const options = parseGenerateOptions(body, new Date().toISOString().slice(0, 10));
    return this.runtime.jobs.enqueue<GenerateJobData>(GENERATE_JOB, { ...options, apiUrl: ownAddress(request) });
  }
}

/**
 * The address this request reached the process on (its socket, not the Host header a client chooses):
 * the job sends the data set back to this same API.
 */
function ownAddress(request: FastifyRequest): string {
  const socket = request.raw.socket;
  const address = (socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return `http://${address.includes(':') ? `[${address}]` : address}:${socket.localPort}`;
}
