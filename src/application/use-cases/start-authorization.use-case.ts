import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { OAuthStateStore } from '../ports/oauth-state-store.port';
import type { QboAuthorizer } from '../ports/qbo-authorizer.port';

/** How long the admin has to finish Intuit's consent screen. */
export const authorizationStateTtlMs = 10 * 60 * 1000;

/** Connect, step 1: the Intuit URL to send the admin to, with a single-use state bound to the tenant. */
export class StartAuthorization {
  constructor(
    private readonly authorizer: QboAuthorizer,
    private readonly states: OAuthStateStore,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string): Promise<{ url: string }> {
    const state = this.ids.newId();
    const now = this.clock.now();
    // Every unfinished "Connect" leaves a state behind: the expired ones go before a new one is kept.
    await this.states.purgeExpired(now);
    await this.states.issue(tenantId, state, now + authorizationStateTtlMs);
    return { url: this.authorizer.authorizeUrl(state) };
  }
}
