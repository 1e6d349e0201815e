/**
 * `matchExactly(host, qbo)`: pairs host and QBO records whose names are equal once normalised, one to one, and
 * lists what is left on each side. When several records share a normalised name, identical spellings pair first,
 * then the rest in id order, the same way whichever side is which (so swapping the sides swaps the pairs).
 */
import { normalizeName } from './normalize-name';

export interface NamedRecord {
  readonly id: string;
  readonly name: string;
}

export interface ExactMatchReport<H extends NamedRecord, Q extends NamedRecord> {
  readonly matched: readonly { readonly host: H; readonly qbo: Q }[];
  readonly hostOnly: readonly H[];
  readonly qboOnly: readonly Q[];
}

const byId = (a: NamedRecord, b: NamedRecord): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const spelling = (record: NamedRecord): string => record.name.trim().toLowerCase();

/** Pairs two lists sharing one normalised name: same spelling first, then whatever is left, each in id order. */
const pairWithin = <H extends NamedRecord, Q extends NamedRecord>(hosts: H[], qbos: Q[]): [H, Q][] => {
  if (hosts.length === 1 && qbos.length === 1) return [[hosts[0] as H, qbos[0] as Q]];
  const pairs: [H, Q][] = [];
  const leftHosts: H[] = [];
  const qboBySpelling = new Map<string, Q[]>();
  for (const qbo of [...qbos].sort(byId)) {
    const list = qboBySpelling.get(spelling(qbo)) ?? [];
    list.push(qbo);
    qboBySpelling.set(spelling(qbo), list);
  }
  for (const host of [...hosts].sort(byId)) {
    const same = qboBySpelling.get(spelling(host))?.shift();
    if (same === undefined) leftHosts.push(host);
    else pairs.push([host, same]);
  }
  const leftQbos = [...qboBySpelling.values()].flat().sort(byId);
  for (let i = 0; i < Math.min(leftHosts.length, leftQbos.length); i++) pairs.push([leftHosts[i] as H, leftQbos[i] as Q]);
  return pairs;
};

export const matchExactly = <H extends NamedRecord, Q extends NamedRecord>(
  host: readonly H[],
  qbo: readonly Q[],
): ExactMatchReport<H, Q> => {
  const qboByKey = new Map<string, Q[]>();
  for (const record of qbo) {
    const key = normalizeName(record.name);
    if (key === '') continue;
    const list = qboByKey.get(key);
    if (list === undefined) qboByKey.set(key, [record]);
    else list.push(record);
  }
  const hostByKey = new Map<string, H[]>();
  for (const record of host) {
    const key = normalizeName(record.name);
    if (key === '' || !qboByKey.has(key)) continue;
    const list = hostByKey.get(key);
    if (list === undefined) hostByKey.set(key, [record]);
    else list.push(record);
  }
  const matched: { host: H; qbo: Q }[] = [];
  const pairedHosts = new Set<H>();
  const pairedQbos = new Set<Q>();
  for (const [key, hosts] of hostByKey) {
    for (const [h, q] of pairWithin(hosts, qboByKey.get(key) ?? [])) {
      matched.push({ host: h, qbo: q });
      pairedHosts.add(h);
      pairedQbos.add(q);
    }
  }
  return {
    matched,
    hostOnly: host.filter((record) => !pairedHosts.has(record)),
    qboOnly: qbo.filter((record) => !pairedQbos.has(record)),
  };
};
