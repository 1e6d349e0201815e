import { AdminRateLimiter } from '../../../src/adapters/http/admin-rate.limiter';

describe('AdminRateLimiter', () => {
  let now = 0;
  const limiter = () => new AdminRateLimiter({ perUserPerMinute: 60, perTenantPerMinute: 120 }, () => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it("lets half a minute's worth through at once, then one more per refill, and says how long to wait", () => {
    const limits = limiter();
    for (let i = 0; i < 30; i += 1) expect(limits.take('t', 'u')).toBeNull();
    expect(limits.take('t', 'u')).toEqual({ who: 'user', retryAfterMs: 1_000 });
    now += 500;
    expect(limits.take('t', 'u')).toEqual({ who: 'user', retryAfterMs: 500 });
    now += 500;
    expect(limits.take('t', 'u')).toBeNull();
  });

  it("keeps users apart, and tenants apart, while a tenant's users share its budget", () => {
    const limits = limiter();
    for (let i = 0; i < 30; i += 1) limits.take('t', 'u');
    expect(limits.take('t', 'u')).not.toBeNull();
    expect(limits.take('t', 'v')).toBeNull();
    for (let i = 0; i < 29; i += 1) expect(limits.take('t', `user-${i}`)).toBeNull();
    expect(limits.take('t', 'w')).toEqual({ who: 'tenant', retryAfterMs: 500 });
    expect(limits.take('other', 'u')).toBeNull();
  });

  it('does not mix up users and tenants whose ids hold separators', () => {
    const limits = limiter();
    for (let i = 0; i < 30; i += 1) limits.take('a:b', 'c');
    expect(limits.take('a', 'b:c')).toBeNull();
  });

  it('refuses without spending: a refused request takes nothing from the tenant', () => {
    const limits = limiter();
    for (let i = 0; i < 30; i += 1) limits.take('t', 'greedy');
    for (let i = 0; i < 100; i += 1) expect(limits.take('t', 'greedy')?.who).toBe('user');
    for (let i = 0; i < 30; i += 1) expect(limits.take('t', `other-${i}`)).toBeNull();
  });
});
