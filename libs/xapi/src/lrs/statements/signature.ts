import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { statementsAreEquivalent } from '../../statement-model/helpers/equivalence.js';
import type { Statement } from '../../statement-model/types.js';

const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/**
 * Checks a signed statement's JWS (xAPI Data 2.6): compact serialisation, algorithm RS256/384/512,
 * a payload that is a statement equivalent to the one received (attachments aside: the signature
 * attachment is added after signing), and, when the header carries an X.509 chain (`x5c`), a
 * signature that verifies with the first certificate. Returns the broken rule, or undefined.
 */
export async function checkStatementSignature(
  statement: Statement,
  jws: string,
  path: string,
): Promise<string | undefined> {
  const token = jws.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    return `${path}: the signature attachment is not a JWS in compact serialisation (Data 2.6.s4.b1)`;
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return `${path}: the JWS header cannot be decoded (Data 2.6.s4.b1)`;
  }
  if (!header.alg || !ALGORITHMS.includes(header.alg)) {
    return `${path}: the JWS algorithm must be RS256, RS384 or RS512, not ${String(header.alg)} (Data 2.6.s4.b5)`;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
  } catch {
    return `${path}: the JWS payload is not a JSON statement (Data 2.6.s4.b1)`;
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    !statementsAreEquivalent(payload as Statement, statement, { ignoreAttachments: true })
  ) {
    return `${path}: the JWS payload does not match the statement (Data 2.6.s4.b3)`;
  }
  if (header.x5c?.length) {
    try {
      const pem = `-----BEGIN CERTIFICATE-----\n${header.x5c[0].match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----`;
      const key = await importX509(pem, header.alg);
      await compactVerify(token, key, { algorithms: ALGORITHMS });
    } catch {
      return `${path}: the JWS signature does not verify with the certificate in its x5c header (Data 2.6.s4.b6)`;
    }
  }
  return undefined;
}
