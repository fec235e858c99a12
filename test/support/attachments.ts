import { createHash, randomUUID } from 'node:crypto';

export const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A statement from a new learner with one PDF attachment of the given content, sent as a part of its own. */
export function statementWith(
  content: Buffer,
  { id = randomUUID(), verb = 'http://adlnet.gov/expapi/verbs/attached' } = {},
) {
  return {
    id,
    actor: { objectType: 'Agent', mbox: `mailto:${randomUUID()}@example.org` },
    verb: { id: verb, display: { 'en-GB': 'attached' } },
    object: { id: 'http://example.org/evidence/scan' },
    attachments: [
      {
        usageType: 'http://id.tincanapi.com/attachment/supporting_media',
        display: { 'en-GB': 'scanned certificate' },
        contentType: 'application/pdf',
        length: content.length,
        sha2: sha256(content),
      },
    ],
  };
}
