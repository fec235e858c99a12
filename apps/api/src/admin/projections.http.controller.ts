import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { projectionStatuses } from '#libs/projections';
import { AdminGuard, REBUILD_JOB, RUNTIME, type RebuildJobData, type Runtime } from '#libs/platform';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin/projections')
export class ProjectionsHttpController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Get()
  @ApiOperation({ summary: 'Every projection with its checkpoint, the head of the log and its runner' })
  list() {
    return projectionStatuses(this.runtime.pool, this.runtime.store, this.runtime.projections);
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Starts a rebuild job: the projection is rebuilt beside the live tables and swapped in' })
  async rebuild(@Param('name') name: string) {
    if (!this.runtime.projections.some((p) => p.name === name)) {
      throw new NotFoundException(`No projection named "${name}"; known: ${this.runtime.projections.map((p) => p.name).join(', ')}`);
    }
    return this.runtime.jobs.enqueue<RebuildJobData>(REBUILD_JOB, { projection: name });
  }
}
