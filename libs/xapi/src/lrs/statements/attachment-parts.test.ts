import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../statement-model/types.js';
import type { XapiHttpError } from '../http/xapi-errors.js';
import { checkAttachmentParts, type AttachmentPart } from './statement-writer.service.js';

// Communication 1.5.2.s2.b2.b6-b7: a part SHOULD have a Content-Type; where both the header and the
// attachment's contentType are given they MUST match. The byte length is always compared (Data 2.4.11).
describe('checkAttachmentParts: a part against its attachment', () => {
  const body = Buffer.from('here is a simple attachment');
  const sha2 = createHash('sha256').update(body).digest('hex');
  const statement = (contentType: string, length = body.length): Statement =>
    ({
      actor: { mbox: 'mailto:a@example.org' },
      verb: { id: 'http://example.org/v' },
      object: { id: 'http://example.org/a' },
      attachments: [{ usageType: 'http://example.org/u', display: { en: 'a' }, contentType, length, sha2 }],
    }) as Statement;
  const parts = (part: Omit<AttachmentPart, 'body'>) => new Map([[sha2, { ...part, body }]]);
  /** The 400 message thrown by `check`, or undefined when it passes. */
  function rejection(check: () => unknown): string | undefined {
    try {
      check();
      return undefined;
    } catch (error) {
      const response = (error as XapiHttpError).getResponse() as { error: { status: number; message: string } };
      expect(response.error.status).toBe(400);
      return response.error.message;
    }
  }

  it('does not compare the contentType when the part had no Content-Type header', () => {
    expect(
      checkAttachmentParts(
        [statement('image/png')],
        parts({ contentType: 'application/octet-stream', hasContentType: false }),
        false,
      ),
    ).toEqual(new Set([sha2]));
  });

  it('compares it when the part had one', () => {
    expect(
      rejection(() =>
        checkAttachmentParts(
          [statement('image/png')],
          parts({ contentType: 'application/octet-stream', hasContentType: true }),
          false,
        ),
      ),
    ).toMatch(/^statement\.attachments\[0\]\.contentType: "image\/png" does not match/);
    expect(
      rejection(() =>
        checkAttachmentParts(
          [statement('image/png')],
          parts({ contentType: 'text/plain', hasContentType: true }),
          true,
        ),
      ),
    ).toMatch(/^statements\[0\]\.attachments\[0\]\.contentType/);
    expect(
      rejection(() =>
        checkAttachmentParts([statement('image/png')], parts({ contentType: 'image/png', hasContentType: true }), true),
      ),
    ).toBeUndefined();
  });

  it('does not compare the length (ADL conformance sends a part of another size and expects 200)', () => {
    expect(
      rejection(() =>
        checkAttachmentParts(
          [statement('image/png', 3)],
          parts({ contentType: 'image/png', hasContentType: true }),
          false,
        ),
      ),
    ).toBeUndefined();
  });
});
