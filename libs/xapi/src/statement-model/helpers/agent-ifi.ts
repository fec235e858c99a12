import type { Account, Actor, InverseFunctionalIdentifier } from '../types.js';

/**
 * A canonical string for an Agent's or Identified Group's inverse functional identifier, for
 * indexing and matching statements by agent: `mbox:mailto:ann@example.org`,
 * `mbox_sha1sum:<hex>`, `openid:<uri>`, `account:<homePage> <name>`.
 * Case is folded only where the spec says it does not matter: the email domain (2.4.2.3.s4.b1,
 * 2.3.1.b7) and the hex digits of the hash. An account's homePage cannot contain a space (it is
 * an IRI), so the space keeps homePage and name apart. Undefined for an Anonymous Group or an
 * object without exactly one identifier.
 */
export function agentIfi(actor: Actor | InverseFunctionalIdentifier | null | undefined): string | undefined {
  if (actor === null || typeof actor !== 'object') return undefined;
  const agent = actor as InverseFunctionalIdentifier;
  let key: string | undefined;
  let count = 0;
  if (typeof agent.mbox === 'string') {
    count++;
    key = `mbox:${normaliseMbox(agent.mbox)}`;
  }
  if (typeof agent.mbox_sha1sum === 'string') {
    count++;
    key = `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`;
  }
  if (typeof agent.openid === 'string') {
    count++;
    key = `openid:${agent.openid}`;
  }
  if (isAccount(agent.account)) {
    count++;
    key = `account:${agent.account.homePage} ${agent.account.name}`;
  }
  return count === 1 ? key : undefined;
}

/** `mailto:Ann@Example.ORG` → `mailto:Ann@example.org`: only the domain is case-insensitive. */
export function normaliseMbox(mbox: string): string {
  const at = mbox.lastIndexOf('@');
  return at < 0 ? mbox : mbox.slice(0, at + 1) + mbox.slice(at + 1).toLowerCase();
}

/** The identifier part of an Agent or Identified Group, without name, members or objectType. */
export function ifiOf(actor: Actor | InverseFunctionalIdentifier): InverseFunctionalIdentifier {
  const agent = actor as InverseFunctionalIdentifier;
  if (agent.mbox !== undefined) return { mbox: agent.mbox };
  if (agent.mbox_sha1sum !== undefined) return { mbox_sha1sum: agent.mbox_sha1sum };
  if (agent.openid !== undefined) return { openid: agent.openid };
  if (agent.account !== undefined) return { account: { homePage: agent.account.homePage, name: agent.account.name } };
  return {};
}

function isAccount(value: unknown): value is Account {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Account).homePage === 'string' &&
    typeof (value as Account).name === 'string'
  );
}
