import { describe, expect, it } from 'vitest';
import { encodeCreationCursor, parseCreationPage } from './creation-page.js';

const rules = { defaultLimit: 50, maxLimit: 500, afterRule: 'must be the next of a previous page' };
const cursor = { createdMicros: '1765065600000000', id: '0b0c7f62-3a43-4c1e-9d6e-4b7f1e0f4a11' };

describe('parseCreationPage', () => {
  it('takes the default limit, a limit within the bounds and a cursor it encoded', () => {
    expect(parseCreationPage({}, rules)).toEqual({ page: { limit: 50 } });
    expect(parseCreationPage({ limit: '500', after: encodeCreationCursor(cursor) }, rules)).toEqual({
      page: { limit: 500, after: cursor },
    });
  });

  it.each([['0'], ['501'], ['1.5'], ['ten'], [['5', '5']]])('refuses the limit %j with the bounds', (limit) => {
    expect(parseCreationPage({ limit }, rules)).toEqual({
      problem: { field: 'limit', rule: 'must be a whole number from 1 to 500' },
    });
  });

  it.each([
    ['not base64 json', 'nonsense'],
    ['a repeated parameter', [encodeCreationCursor(cursor)]],
    ['a time that is not a bigint', Buffer.from(JSON.stringify(['1e3', cursor.id])).toString('base64url')],
    [
      'an id that is not a uuid',
      Buffer.from(JSON.stringify([cursor.createdMicros, "x' or 1=1"])).toString('base64url'),
    ],
  ])('refuses %s as after, in the route’s words', (_, after) => {
    expect(parseCreationPage({ after }, rules)).toEqual({ problem: { field: 'after', rule: rules.afterRule } });
  });
});
