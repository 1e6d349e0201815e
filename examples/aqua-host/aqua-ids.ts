import { randomBytes } from 'node:crypto';

let last = 0;
let sequence = 0;

/**
 * The aqua app's ids: time-ordered UUIDs (version 7 layout: milliseconds, then a counter, then random bits), so rows
 * list in the order they were made, as an auto-increment key would, and two processes never collide.
 */
export const aquaUuid = (): string => {
  const now = Date.now();
  if (now > last) {
    last = now;
    sequence = 0;
  } else sequence += 1;
  const time = last.toString(16).padStart(12, '0');
  const counter = (0x7000 | (sequence & 0x0fff)).toString(16);
  const high = (0x8000 | ((sequence >> 12) & 0x3fff)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-${counter}-${high}-${randomBytes(6).toString('hex')}`;
};
