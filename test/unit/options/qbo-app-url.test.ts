import { qboAppUrl } from '../../../src/composition/options/qbo-app-url';

describe('qboAppUrl: where "Open in QuickBooks" goes', () => {
  it("is QuickBooks' web app for the environment, also when the API is named as Intuit's", () => {
    expect(qboAppUrl({ environment: 'production' })).toBe('https://app.qbo.intuit.com');
    expect(qboAppUrl({ environment: 'sandbox' })).toBe('https://app.sandbox.qbo.intuit.com');
    expect(qboAppUrl({ environment: 'production', apiBaseUrl: 'https://quickbooks.api.intuit.com' })).toBe('https://app.qbo.intuit.com');
  });

  it("is the emulator's own pages when the API is an emulator's, and qbo.appUrl when given", () => {
    expect(qboAppUrl({ environment: 'sandbox', apiBaseUrl: 'http://localhost:4010/' })).toBe('http://localhost:4010');
    expect(qboAppUrl({ environment: 'production', apiBaseUrl: 'https://proxy.example.com', appUrl: 'https://app.qbo.intuit.com/' })).toBe('https://app.qbo.intuit.com');
  });
});
