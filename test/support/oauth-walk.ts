import request from 'supertest';
import type { Express } from 'express';
import { mountPath } from './test-host';

/**
 * "Connect to QuickBooks" up to Intuit's answer: asks the plugin for Intuit's URL and lets the emulator's automatic
 * consent (for the company created last) redirect; returns the callback URL the browser would be sent to, not yet
 * delivered, so a test can deliver it as it is or edited.
 */
export const consentRedirect = async (app: Express, tenantId: string): Promise<URL> => {
  const authorize = await request(app).post(`${mountPath}/connection/authorize`).set('x-company-id', tenantId).expect(200);
  const consent = await fetch(authorize.body.url as string, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) throw new Error(`the emulator's consent did not redirect (status ${consent.status})`);
  return new URL(location);
};

/** Delivers Intuit's redirect to the plugin's callback like the browser would, as the admin of `tenantId`. */
export const deliverCallback = (app: Express, tenantId: string, callback: URL): request.Test =>
  request(app).get(`${callback.pathname}${callback.search}`).set('x-company-id', tenantId);

/** Walks the admin through "Connect to QuickBooks" and back to the plugin's callback. */
export const connectThroughOAuth = async (app: Express, tenantId: string): Promise<request.Response> =>
  deliverCallback(app, tenantId, await consentRedirect(app, tenantId));
