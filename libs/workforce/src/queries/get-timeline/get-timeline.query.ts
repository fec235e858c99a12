import { Query } from '@nestjs/cqrs';
import type { TimelineEntry, TimelineFilter } from '../../read-model/timeline.js';
import type { Visibility } from '../../read-model/visibility.js';

/** Everything recorded about a worker that the viewer sees, newest first, a page at a time. */
export class GetTimeline extends Query<{ workerId: string; entries: TimelineEntry[]; next: string | null }> {
  constructor(
    readonly workerId: string,
    readonly filter: TimelineFilter,
    readonly visibility: Visibility,
  ) {
    super();
  }
}
