import { Query } from '@nestjs/cqrs';
import type { CapabilityProfile } from '../../read-model/capability-profile.js';
import type { Visibility } from '../../read-model/visibility.js';

/** A worker's stage on each of the 17 personal capabilities as the evidence the viewer sees stood at `asOf`. */
export class GetCapabilityProfile extends Query<CapabilityProfile> {
  constructor(
    readonly workerId: string,
    readonly asOf: Date,
    readonly visibility: Visibility,
  ) {
    super();
  }
}
