import { canonicalJsonHash } from '../shared/canonical-hash';

/**
 * The fingerprint of exactly the fields the host owns: equal fields, equal fingerprint, whatever the key order. It is
 * `hash128(canonicalJson(fields))`, hashed without building the text (ADR 0093), so fingerprints stored before are
 * still equal.
 */
export const fingerprintOf = (hostOwnedFields: object): string => canonicalJsonHash(hostOwnedFields);
