// Talks to the plugin's HTTP API (DESIGN.md §5) relative to where the host mounted the router.
import { errorMessage } from './page-state.js';

// This module lives at <mount>/assets/api-client.js, so the API is one level up, wherever the host mounted it.
const base = new URL('../', import.meta.url);

export const apiUrl = (path) => new URL(path.replace(/^\//, ''), base).toString();

export class ApiError extends Error {
  constructor(status, body) {
    super(errorMessage(status, body));
    this.status = status;
    this.code = body?.error?.code ?? null;
  }
}

/** JSON in, JSON out; a refusal or an outage becomes an ApiError whose message is fit to show. */
export const api = async (method, path, body) => {
  let response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
};
