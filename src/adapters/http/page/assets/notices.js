// The page's two message areas: a polite status line for what went well, an alert for what went wrong.
import { byId, setText, show } from './dom.js';

export const notify = (text) => {
  setText(byId('flash'), text);
};

export const alertError = (error) => {
  const text = error instanceof Error ? error.message : String(error);
  setText(byId('alert-text'), text);
  show(byId('alert'), true);
};

export const clearAlert = () => {
  show(byId('alert'), false);
  setText(byId('alert-text'), '');
};

export const wireNotices = () => {
  byId('alert-close').addEventListener('click', clearAlert);
};

/** Runs an action, reporting its failure as an alert instead of an unhandled rejection. */
export const guarded = (action) => async (...args) => {
  try {
    await action(...args);
  } catch (error) {
    alertError(error);
  }
};
