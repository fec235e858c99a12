/**
 * Revokes an LRS client. With `organisationId` (an organisation's own route) only a client of that
 * organisation can be revoked; any other is not found, as an unknown id is.
 */
export class RevokeLrsClient {
  constructor(
    readonly clientId: string,
    readonly actor = 'admin',
    readonly organisationId?: string,
  ) {}
}
