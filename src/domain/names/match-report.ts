/**
 * The set-up screen's picture of how host and QBO records line up (DESIGN.md §5 `GET /match/customers`,
 * `GET /match/items`): `customerMatchReport(host, qbo)` and `itemMatchReport(host, qbo)` →
 * `{ matched, hostOnly, qboOnly, nearMatches, statusMismatches, duplicates }`. Near matches are sought only among
 * what stayed unmatched; status mismatches only among matched pairs; duplicates only among host records.
 */
import type { HostCatalogItem, HostCustomer } from '../host/host-records';
import type { QboCustomerFields, QboItemFields } from '../qbo/qbo-records';
import { statusMismatches, type StatusMismatch } from '../status/status-parity';
import { duplicateGroups, type DuplicateGroup } from './duplicate-groups';
import { matchExactly } from './match-exactly';
import { customerCandidate, itemCandidate, qboCustomerCandidate, qboItemCandidate, type NameCandidate } from './name-candidate';
import { nearMatches, type NearMatch, type NearMatchOptions } from './near-matches';

export interface MatchedPair {
  readonly hostId: string;
  readonly hostName: string;
  readonly qboId: string;
  readonly qboName: string;
}

export interface MatchReport {
  readonly matched: readonly MatchedPair[];
  readonly hostOnly: readonly NameCandidate[];
  readonly qboOnly: readonly NameCandidate[];
  readonly nearMatches: readonly NearMatch[];
  readonly statusMismatches: readonly StatusMismatch[];
  readonly duplicates: readonly DuplicateGroup[];
}

interface Side {
  readonly candidate: NameCandidate;
  readonly active: boolean;
}

const report = (host: readonly Side[], qbo: readonly Side[], options: NearMatchOptions): MatchReport => {
  const hostCandidates = host.map((side) => ({ ...side.candidate, active: side.active }));
  const qboCandidates = qbo.map((side) => ({ ...side.candidate, active: side.active }));
  const exact = matchExactly(hostCandidates, qboCandidates);
  const strip = ({ active: _active, ...candidate }: NameCandidate & { active: boolean }): NameCandidate => candidate;
  return {
    matched: exact.matched.map(({ host: h, qbo: q }) => ({ hostId: h.id, hostName: h.name, qboId: q.id, qboName: q.name })),
    hostOnly: exact.hostOnly.map(strip),
    qboOnly: exact.qboOnly.map(strip),
    nearMatches: nearMatches(exact.hostOnly.map(strip), exact.qboOnly.map(strip), options),
    statusMismatches: statusMismatches(
      exact.matched.map(({ host: h, qbo: q }) => ({ hostId: h.id, qboId: q.id, name: h.name, hostActive: h.active, qboActive: q.active })),
    ),
    duplicates: duplicateGroups(host.map((side) => side.candidate)),
  };
};

export const customerMatchReport = (
  host: readonly HostCustomer[],
  qbo: readonly { readonly id: string; readonly fields: QboCustomerFields }[],
): MatchReport =>
  report(
    host.map((customer) => ({ candidate: customerCandidate(customer), active: customer.isActive })),
    qbo.map((record) => ({ candidate: qboCustomerCandidate(record.id, record.fields), active: record.fields.active })),
    { personNames: true },
  );

export const itemMatchReport = (
  host: readonly HostCatalogItem[],
  qbo: readonly { readonly id: string; readonly fields: QboItemFields }[],
): MatchReport =>
  report(
    host.map((item) => ({ candidate: itemCandidate(item), active: item.isActive })),
    qbo.map((record) => ({ candidate: qboItemCandidate(record.id, record.fields), active: record.fields.active })),
    { personNames: false },
  );
