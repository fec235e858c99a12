import {
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { projectionStatuses, ReactorRebuildError } from '#libs/projections';
import { REBUILD_JOB, type RebuildJobData } from '#libs/composition';
import { AdminGuard, responseSchema, RUNTIME, type Runtime } from '#libs/platform';
import { JobView } from './job.response.js';
import { ProjectionView } from './projection.response.js';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin/projections')
export class ProjectionsHttpController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Get()
  @ApiOperation({
    summary: 'Every projection and reactor (kind) with its checkpoint, the head of the log and its runner',
  })
  @ApiOkResponse({ schema: responseSchema(z.array(ProjectionView)) })
  async list(): Promise<ProjectionView[]> {
    const statuses = await projectionStatuses(this.runtime.pool, this.runtime.store, this.runtime.projections);
    const reactors = new Set(this.runtime.projections.filter((p) => p.reactor).map((p) => p.name));
    return statuses.map((s) => ({ ...s, kind: reactors.has(s.name) ? 'reactor' : 'projection' }));
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Starts a rebuild job: the projection is rebuilt beside the live tables and swapped in; a reactor is never rebuilt (409)',
  })
  @ApiAcceptedResponse({ description: 'The rebuild job, waiting', schema: responseSchema(JobView) })
  async rebuild(@Param('name') name: string): Promise<JobView> {
    const projection = this.runtime.projections.find((p) => p.name === name);
    if (!projection) {
      throw new NotFoundException(
        `No projection named "${name}"; known: ${this.runtime.projections.map((p) => p.name).join(', ')}`,
      );
    }
    if (projection.reactor) throw new ConflictException(new ReactorRebuildError(name).message);
    return this.runtime.jobs.enqueue<RebuildJobData>(REBUILD_JOB, { projection: name });
  }
}
