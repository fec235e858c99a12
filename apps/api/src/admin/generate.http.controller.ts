import { Body, Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { InvalidGenerateOptionsError, parseGenerateOptions, type GenerateJobData } from '#libs/generator';
import { GENERATE_JOB } from '#libs/composition';
import { AdminGuard, invalidInput, responseSchema, RUNTIME, type Runtime } from '#libs/platform';
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
  @ApiBody({
    schema: {
      type: 'object',
      required: ['organisations', 'workers', 'years'],
      additionalProperties: false,
      properties: {
        organisations: { type: 'integer', minimum: 1, maximum: 20000 },
        workers: { type: 'integer', minimum: 1, maximum: 1000000 },
        years: {
          type: 'integer',
          minimum: 1,
          maximum: 30,
          description: 'calendar years ending with the year of `until`',
        },
        seed: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9-]{0,23}$',
          description: 'the same seed and options give the same data set (default "1")',
        },
        until: { type: 'string', format: 'date', description: 'the last day anything happens (default today)' },
        surveyRespondents: {
          type: 'integer',
          minimum: 0,
          maximum: 20,
          description: "workers answering each audit cycle's staff survey (default 5)",
        },
      },
    },
  })
  @ApiAcceptedResponse({ description: 'The job, waiting', schema: responseSchema(JobView) })
  async generate(@Body() body: unknown, @Req() request: FastifyRequest): Promise<JobView> {
    try {
      const options = parseGenerateOptions(body, new Date().toISOString().slice(0, 10));
      return await this.runtime.jobs.enqueue<GenerateJobData>(GENERATE_JOB, {
        ...options,
        apiUrl: ownAddress(request),
      });
    } catch (error) {
      if (error instanceof InvalidGenerateOptionsError) throw invalidInput([{ field: error.field, rule: error.rule }]);
      throw error;
    }
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
