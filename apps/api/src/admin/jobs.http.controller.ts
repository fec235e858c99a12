import { Controller, Get, Inject, NotFoundException, Param, ParseIntPipe, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { JOB_STATES, type JobState } from '#libs/jobs';
import { AdminGuard, invalidInput, responseSchema, RUNTIME, type Runtime } from '#libs/platform';
import { JobView } from './job.response.js';

/** Nest's own message ("numeric string is expected") would not name the parameter. */
const LIMIT = new ParseIntPipe({
  optional: true,
  exceptionFactory: () => invalidInput([{ field: 'limit', rule: 'must be a whole number' }]),
});

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin/jobs')
export class JobsHttpController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Get()
  @ApiOperation({ summary: 'Recent background jobs, newest first' })
  @ApiQuery({ name: 'state', required: false, enum: JOB_STATES })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiOkResponse({ schema: responseSchema(z.array(JobView).describe('Newest first')) })
  list(@Query('state') state?: string, @Query('limit', LIMIT) limit?: number): Promise<JobView[]> {
    if (state && !JOB_STATES.includes(state as JobState)) {
      throw invalidInput([{ field: 'state', rule: `must be one of ${JOB_STATES.join(', ')}` }]);
    }
    return this.runtime.jobs.list({ states: state ? [state as JobState] : undefined, limit });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One job with its state and progress (percent, events/s)' })
  @ApiOkResponse({ schema: responseSchema(JobView) })
  async get(@Param('id') id: string): Promise<JobView> {
    const job = await this.runtime.jobs.get(id);
    if (!job) throw new NotFoundException(`No job with id "${id}"`);
    return job;
  }
}
