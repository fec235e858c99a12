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
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { projectionStatuses, ReactorRebuildError } from '#libs/projections';
import { REBUILD_JOB, type RebuildJobData } from '#libs/composition';
import { AdminGuard, RUNTIME, type Runtime } from '#libs/platform';

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
  async list() {
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
  async rebuild(@Param('name') name: string) {
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
