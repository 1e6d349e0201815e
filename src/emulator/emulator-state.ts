import { randomInt } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createCompany, type CompanyOptions } from './default-company';
import { DEFAULT_CONFIG, type EmulatorConfig } from './emulator-config';
import { TokenRegistry } from './oauth/token-registry';
import { RateLimiter } from './rate-limiter';
import type { RealmStore } from './realm-store';

export const FAULT_KINDS = ['throttle', 'server-error', 'unavailable', 'timeout', 'apply-then-drop', 'forbidden', 'expire-access-token', 'revoke-refresh-token'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Faults that hit the next API requests, as opposed to ones applied at once to the tokens. */
export type RequestFaultKind = Exclude<FaultKind, 'expire-access-token' | 'revoke-refresh-token'>;

interface PendingFault {
  readonly realmId: string | undefined;
  readonly kind: RequestFaultKind;
  remaining: number;
}

export interface EmulatorOptions {
  /** When set, only this OAuth client is accepted; otherwise any client id and secret are. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** When set, every control API request must carry this token (see control-guard.ts). */
  readonly controlToken?: string;
  /** The clock (epoch ms); tests may drive it by hand. */
  readonly now?: () => number;
}

/** Everything one emulator instance knows; nothing lives in module globals, so tests can run several. */
export class EmulatorState {
  config: EmulatorConfig = DEFAULT_CONFIG;
  readonly realms = new Map<string, RealmStore>();
  readonly tokens = new TokenRegistry(() => this.config.timeScale);
  readonly limiter = new RateLimiter();
  /** Responses held open by the `timeout` fault; destroyed on close. */
  readonly heldResponses = new Set<ServerResponse>();
  private faults: PendingFault[] = [];
  lastCreatedRealmId: string | undefined;
  denyNextAuthorization = false;
  readonly now: () => number;

  constructor(readonly options: EmulatorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A scaled duration: `seconds` of QBO time in real milliseconds. */
  scaledMs(seconds: number): number {
    return seconds * 1000 * this.config.timeScale;
  }

  createRealm(companyName?: string, options: CompanyOptions = {}): RealmStore {
    let realmId: string;
    do realmId = `9341${String(randomInt(0, 1e12)).padStart(12, '0')}`;
    while (this.realms.has(realmId));
    const store = createCompany(realmId, companyName ?? `Sandbox Company ${this.realms.size + 1}`, this.now(), options);
    this.realms.set(realmId, store);
    this.lastCreatedRealmId = realmId;
    return store;
  }

  addFault(kind: RequestFaultKind, realmId: string | undefined, count: number): void {
    this.faults.push({ kind, realmId, remaining: count });
  }

  /** Drops the faults still waiting, for one realm or for all; says how many requests they would have met. */
  clearFaults(realmId: string | undefined): number {
    const cleared = this.faults.filter((fault) => realmId === undefined || fault.realmId === realmId);
    this.faults = this.faults.filter((fault) => !cleared.includes(fault));
    return cleared.reduce((sum, fault) => sum + fault.remaining, 0);
  }

  /** The next fault due for a request to this realm, used up as it is taken. */
  takeFault(realmId: string): RequestFaultKind | undefined {
    const fault = this.faults.find((candidate) => candidate.remaining > 0 && (candidate.realmId === undefined || candidate.realmId === realmId));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((candidate) => candidate.remaining > 0);
    return fault.kind;
  }

  reset(): void {
    this.config = DEFAULT_CONFIG;
    this.realms.clear();
    this.faults = [];
    this.lastCreatedRealmId = undefined;
    this.denyNextAuthorization = false;
    this.limiter.clear();
    this.tokens.clear();
    for (const response of this.heldResponses) response.destroy();
    this.heldResponses.clear();
  }
}
