import { randomBytes } from 'node:crypto';

/** One authorization of an app for a company; revoking any of its tokens revokes all of them. */
interface Grant {
  readonly realmId: string;
  /** null: any client may refresh it (grants made through the control API). */
  readonly clientId: string | null;
  revoked: boolean;
}

interface AccessToken {
  readonly grant: Grant;
  expiresAt: number;
}

interface RefreshToken {
  readonly grant: Grant;
  readonly expiresAt: number;
  /** When a newer refresh token replaced this one; it keeps working for the grace period after. */
  supersededAt: number | undefined;
}

interface AuthorizationCode {
  readonly realmId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly expiresAt: number;
}

export interface TokenSet {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
  readonly x_refresh_token_expires_in: number;
}

export type AccessCheck = { readonly ok: true; readonly realmId: string } | { readonly ok: false; readonly reason: 'missing' | 'expired' | 'invalid' };

const ACCESS_LIFETIME_S = 3600;
const REFRESH_LIFETIME_S = 8_726_400;
const ROTATION_GRACE_S = 24 * 3600;
const CODE_LIFETIME_S = 300;

const token = (prefix: string): string => `${prefix}${randomBytes(24).toString('base64url')}`;

/** Intuit's token lifecycle in memory; every lifetime is multiplied by `timeScale()`. */
export class TokenRegistry {
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(private readonly timeScale: () => number) {}

  private seconds(value: number): number {
    return value * 1000 * this.timeScale();
  }

  private lifetimeOnWire(value: number): number {
    return Math.max(1, Math.round(value * this.timeScale()));
  }

  issue(realmId: string, clientId: string | null, now: number): TokenSet {
    return this.issueFor({ realmId, clientId, revoked: false }, now);
  }

  private issueFor(grant: Grant, now: number): TokenSet {
    const accessToken = token('eyJemu.');
    const refreshToken = token('RT1-');
    this.accessTokens.set(accessToken, { grant, expiresAt: now + this.seconds(ACCESS_LIFETIME_S) });
    this.refreshTokens.set(refreshToken, { grant, expiresAt: now + this.seconds(REFRESH_LIFETIME_S), supersededAt: undefined });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: this.lifetimeOnWire(ACCESS_LIFETIME_S),
      x_refresh_token_expires_in: this.lifetimeOnWire(REFRESH_LIFETIME_S),
    };
  }

  checkAccess(accessToken: string | undefined, now: number): AccessCheck {
    if (!accessToken) return { ok: false, reason: 'missing' };
    const found = this.accessTokens.get(accessToken);
    if (!found || found.grant.revoked) return { ok: false, reason: 'invalid' };
    if (now >= found.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, realmId: found.grant.realmId };
  }

  /** A new pair for a valid refresh token (rotation: the old one keeps working for the grace period). */
  refresh(refreshToken: string, clientId: string, now: number): TokenSet | undefined {
    const found = this.refreshTokens.get(refreshToken);
    if (!found || found.grant.revoked || now >= found.expiresAt) return undefined;
    if (found.grant.clientId !== null && found.grant.clientId !== clientId) return undefined;
    if (found.supersededAt !== undefined && now >= found.supersededAt + this.seconds(ROTATION_GRACE_S)) return undefined;
    found.supersededAt ??= now;
    return this.issueFor(found.grant, now);
  }

  /** Revokes the whole grant the token belongs to; unknown tokens are ignored, as Intuit does. */
  revoke(anyToken: string): void {
    const grant = this.accessTokens.get(anyToken)?.grant ?? this.refreshTokens.get(anyToken)?.grant;
    if (grant) grant.revoked = true;
  }

  expireAccessTokens(realmId: string | undefined, now: number): void {
    for (const access of this.accessTokens.values()) {
      if (realmId === undefined || access.grant.realmId === realmId) access.expiresAt = Math.min(access.expiresAt, now);
    }
  }

  revokeRealm(realmId: string | undefined): void {
    for (const refresh of this.refreshTokens.values()) {
      if (realmId === undefined || refresh.grant.realmId === realmId) refresh.grant.revoked = true;
    }
  }

  clear(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.codes.clear();
  }

  issueCode(realmId: string, clientId: string, redirectUri: string, now: number): string {
    const code = token('AB11');
    this.codes.set(code, { realmId, clientId, redirectUri, expiresAt: now + this.seconds(CODE_LIFETIME_S) });
    return code;
  }

  /** Codes are single use, bound to the client and the redirect URI they were issued for. */
  redeemCode(code: string, clientId: string, redirectUri: string, now: number): TokenSet | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    if (!found || now >= found.expiresAt || found.clientId !== clientId || found.redirectUri !== redirectUri) return undefined;
    return this.issue(found.realmId, clientId, now);
  }
}
