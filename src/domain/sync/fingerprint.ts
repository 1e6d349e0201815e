import { canonicalJson } from '../shared/canonical-json';
import { hash128 } from '../shared/hash';

/** The fingerprint of exactly the fields the host owns: equal fields, equal fingerprint, whatever the key order. */
export const fingerprintOf = (hostOwnedFields: object): string => hash128(canonicalJson(hostOwnedFields));
