import { Query } from '@nestjs/cqrs';
import type { TimelineFilter, TimelinePage } from '../../read-model/timeline.js';
import type { Visibility } from '../../read-model/visibility.js';

/** Everything recorded about a worker that the viewer sees, newest first, a page at a time. */
export class GetTimeline extends Query<TimelinePage> {
  constructor(
    readonly workerId: string,
    readonly filter: TimelineFilter,
    readonly visibility: Visibility,
  ) {
    super();
  }
}
