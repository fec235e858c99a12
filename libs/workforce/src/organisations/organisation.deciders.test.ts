import { describe, expect, it } from 'vitest';
import { ORGANISATION_EVENTS as EV } from './organisation.events.js';
import { decideChangeOrganisationDetails } from './change-organisation-details/change-organisation-details.decider.js';
import { parseChangeOrganisationDetails } from './change-organisation-details/change-organisation-details.command.js';
import { evolveOrganisation, initialOrganisation } from './organisation.js';
import { decideRegisterOrganisation } from './register-organisation/register-organisation.decider.js';
import { parseRegisterOrganisation } from './register-organisation/register-organisation.command.js';

const oakHouse = {
  id: 'oak-house',
  name: 'Oak House',
  sector: 'private',
  region: 'Fife',
  serviceType: 'care home for adults',
  sizeBand: 'small',
};

describe('organisations', () => {
  it('registers an organisation once', () => {
    const command = { ...parseRegisterOrganisation(oakHouse), organisationId: 'oak-house' };
    const events = decideRegisterOrganisation(command, initialOrganisation());
    expect(events[0]).toMatchObject({
      type: EV.organisationRegistered,
      data: { organisationId: 'oak-house', sector: 'private' },
    });
    const state = events.reduce(evolveOrganisation, initialOrganisation());
    expect(() => decideRegisterOrganisation(command, state)).toThrow(
      /id: organisation "oak-house" is already registered/,
    );
  });

  it('names the field and rule of bad input', () => {
    expect(() => parseRegisterOrganisation({ ...oakHouse, sector: 'charity' })).toThrow(
      /sector: must be one of public, private, voluntary/,
    );
    expect(() => parseRegisterOrganisation({ ...oakHouse, id: 'Oak House' })).toThrow(/id: must be lower-case/);
    expect(() => parseRegisterOrganisation({ ...oakHouse, sizeBand: undefined })).toThrow(/sizeBand/);
    expect(() => parseRegisterOrganisation([])).toThrow(/body: must be a JSON object/);
  });

  it('changes details only when they differ', () => {
    const state = decideRegisterOrganisation(
      { ...parseRegisterOrganisation(oakHouse), organisationId: 'oak-house' },
      initialOrganisation(),
    ).reduce(evolveOrganisation, initialOrganisation());
    expect(decideChangeOrganisationDetails(parseChangeOrganisationDetails('oak-house', oakHouse), state)).toEqual([]);
    const grown = parseChangeOrganisationDetails('oak-house', { ...oakHouse, sizeBand: 'medium' });
    expect(decideChangeOrganisationDetails(grown, state)[0]!.type).toBe(EV.organisationDetailsChanged);
    expect(() => decideChangeOrganisationDetails(grown, initialOrganisation())).toThrow(/no organisation "oak-house"/);
  });
});
