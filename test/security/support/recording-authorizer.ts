import type { Container } from 'inversify';
import { QboAuthorizer, type AuthorizationGrant, type QboTokens } from '../../../src/application/ports/qbo-authorizer.port';

/**
 * The plugin's own authorizer (intuit-oauth against the emulator) with a record of the tokens it obtained and the ones
 * it revoked; `install` is an `overrides` option, so every part of the plugin uses it.
 */
export class RecordingAuthorizer implements QboAuthorizer {
  readonly issued: QboTokens[] = [];
  readonly revoked: string[] = [];
  private inner: QboAuthorizer | null = null;

  readonly install = (container: Container): void => {
    this.inner = container.get<QboAuthorizer>(QboAuthorizer);
    container.rebind<QboAuthorizer>(QboAuthorizer).toConstantValue(this);
  };

  authorizeUrl(state: string): string {
    return this.real().authorizeUrl(state);
  }

  async exchangeCode(grant: AuthorizationGrant) {
    const exchanged = await this.real().exchangeCode(grant);
    if (exchanged.ok) this.issued.push(exchanged.value.tokens);
    return exchanged;
  }

  refresh(refreshToken: string) {
    return this.real().refresh(refreshToken);
  }

  async revoke(token: string): Promise<void> {
    this.revoked.push(token);
    await this.real().revoke(token);
  }

  /** The refresh token of the authorization obtained last. */
  get lastRefreshToken(): string {
    const last = this.issued[this.issued.length - 1];
    if (!last) throw new Error('no authorization was obtained yet');
    return last.refreshToken;
  }

  /** Whether Intuit (the emulator) still honours `refreshToken`: a revoked grant answers invalid_grant. */
  async stillGranted(refreshToken: string): Promise<boolean> {
    return (await this.real().refresh(refreshToken)).ok;
  }

  private real(): QboAuthorizer {
    if (!this.inner) throw new Error('install the RecordingAuthorizer through the overrides option first');
    return this.inner;
  }
}
