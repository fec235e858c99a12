import { SetMetadata } from '@nestjs/common';
import type { LrsScope } from './lrs-principal.js';

export const REQUIRED_SCOPES = 'continuum:lrs-required-scopes';

/**
 * The request needs at least one of these scopes (see `hasScope` for what covers what). Without the
 * decorator, any authenticated client of the LRS may call the handler. Where the scope depends on the
 * HTTP method, put it on each handler, e.g. GET state: `@RequireScope('state', 'all/read')`.
 */
export const RequireScope = (...anyOf: LrsScope[]) => SetMetadata(REQUIRED_SCOPES, anyOf);
