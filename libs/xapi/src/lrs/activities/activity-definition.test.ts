import { describe, expect, it } from 'vitest';
import type { Statement } from '../../statement-model/types.js';
import { mergeDefinitions, nextCanonical } from './activity-definition.js';
import { definedActivities } from './statement-activities.js';

describe('canonical Activity definitions (Communication 2.5, 4.2 scope define)', () => {
  const first = { name: { 'en-GB': 'Moving and handling' }, type: 'http://adlnet.gov/expapi/activities/course' };

  it('the first definition seen becomes canonical, from any client', () => {
    expect(nextCanonical(undefined, first, false)).toEqual(first);
  });

  it('a client without define does not change an existing definition', () => {
    expect(nextCanonical(first, { name: { 'en-GB': 'Other' } }, false)).toBeUndefined();
  });

  it('a client with define merges: language maps and extensions gain entries, other properties are replaced', () => {
    const merged = mergeDefinitions(
      { ...first, description: { 'en-GB': 'Old' }, extensions: { 'http://x/a': 1 } },
      {
        name: { 'fr-FR': 'Manutention' },
        description: { 'en-GB': 'New' },
        type: 'http://adlnet.gov/expapi/activities/module',
        extensions: { 'http://x/b': 2 },
      },
    );
    expect(merged).toEqual({
      name: { 'en-GB': 'Moving and handling', 'fr-FR': 'Manutention' },
      description: { 'en-GB': 'New' },
      type: 'http://adlnet.gov/expapi/activities/module',
      extensions: { 'http://x/a': 1, 'http://x/b': 2 },
    });
  });

  it('finds defined Activities in the object, context activities (single or array) and a SubStatement', () => {
    const statement = {
      actor: { mbox: 'mailto:a@b.c' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/planned' },
      object: {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:a@b.c' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { id: 'http://x/sub', definition: { name: { en: 'Sub' } } },
      },
      context: {
        contextActivities: {
          parent: { id: 'http://x/parent', definition: { name: { en: 'Parent' } } },
          category: [{ id: 'http://x/cat', definition: { type: 'http://x/type' } }, { id: 'http://x/undefined' }],
        },
      },
    } as unknown as Statement;
    expect(definedActivities(statement).map((a) => a.id)).toEqual(['http://x/parent', 'http://x/cat', 'http://x/sub']);
  });
});
