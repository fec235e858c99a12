import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { evidenceExport } from '../../read-model/evidence-export.js';
import { GetEvidenceExport } from './get-evidence-export.query.js';

@QueryHandler(GetEvidenceExport)
export class GetEvidenceExportHandler implements IQueryHandler<GetEvidenceExport> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetEvidenceExport) {
    return evidenceExport(this.pool, query.worker, query.from, query.to, query.visibility);
  }
}
