import { describe, expect, it } from 'vitest';
import type { Statement } from '../../statement-model/types.js';
import { personOf } from './agents.service.js';
import { namedAgents } from './statement-agents.js';

describe('Person Object (Communication 2.4)', () => {
  it('has objectType Person and every property as an array, from the requested Agent alone when nothing else is known', () => {
    expect(personOf({ mbox: 'mailto:ann@example.com' }, [])).toEqual({
      objectType: 'Person',
      mbox: ['mailto:ann@example.com'],
    });
    expect(personOf({ account: { homePage: 'http://lms.example.com', name: 'ann' }, name: 'Ann' }, [])).toEqual({
      objectType: 'Person',
      name: ['Ann'],
      account: [{ homePage: 'http://lms.example.com', name: 'ann' }],
    });
  });

  it('adds the names statements used for the identifier, each once', () => {
    expect(personOf({ openid: 'http://id.example.com/ann', name: 'Ann' }, ['Ann Smith', 'Ann'])).toEqual({
      objectType: 'Person',
      name: ['Ann', 'Ann Smith'],
      openid: ['http://id.example.com/ann'],
    });
  });

  it('collects named agents from actor, object, instructor, team, group members and 2.0 context agents', () => {
    const statement = {
      actor: { objectType: 'Group', member: [{ mbox: 'mailto:m@x.y', name: 'Member' }] },
      verb: { id: 'http://x/v' },
      object: { objectType: 'Agent', mbox_sha1sum: 'a'.repeat(40), name: 'Object' },
      context: {
        instructor: { mbox: 'mailto:i@x.y', name: 'Instructor' },
        team: { objectType: 'Group', mbox: 'mailto:team@x.y', name: 'Team' },
        contextAgents: [{ objectType: 'contextAgent', agent: { openid: 'http://x.y/c', name: 'Context' } }],
      },
      authority: { mbox: 'mailto:lrs@x.y', name: 'Not a learner' },
    } as unknown as Statement;
    expect(namedAgents(statement).map((a) => a.name)).toEqual(['Member', 'Object', 'Instructor', 'Team', 'Context']);
    expect(namedAgents(statement)[0].ifi).toBe('mbox:mailto:m@x.y');
  });
});
