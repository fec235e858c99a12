import { Query } from '@nestjs/cqrs';
import type { StageHistory } from '../../read-model/stage-history.js';
import type { Visibility } from '../../read-model/visibility.js';

/** Every change of a worker's stages, with its date and the evidence that caused it, from what the viewer sees. */
export class GetStageHistory extends Query<StageHistory> {
  constructor(
    readonly workerId: string,
    readonly visibility: Visibility,
  ) {
    super();
  }
}
