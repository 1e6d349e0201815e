import request from 'supertest';
import type { Express } from 'express';
import { mountPath } from './test-host';

/**
 * Walks the admin through "Connect to QuickBooks": asks the plugin for Intuit's URL, lets the emulator's automatic
 * consent redirect back, and delivers that redirect to the plugin's callback like the browser would.
 */
export const connectThroughOAuth = async (app: Express, tenantId: string): Promise<request.Response> => {
  const authorize = await request(app).post(`${mountPath}/connection/authorize`).set('x-company-id', tenantId).expect(200);
  const consent = await fetch(authorize.body.url as string, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) throw new Error(`the emulator's consent did not redirect (status ${consent.status})`);
  const callback = new URL(location);
  return request(app).get(`${callback.pathname}${callback.search}`).set('x-company-id', tenantId);
};
