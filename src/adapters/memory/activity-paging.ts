/** Paging rules shared by every ActivityLog adapter, so they agree on what a bad limit or cursor means. */
export const maxActivityPage = 200;

/** Clamped to 1..200; a limit that is not a number gives the largest page. */
export const activityPageLimit = (limit: number): number =>
  Number.isFinite(limit) ? Math.min(maxActivityPage, Math.max(1, Math.floor(limit))) : maxActivityPage;

/** The cursor is the id of the last entry of the previous page; anything else is a caller's mistake. */
export const parseActivityCursor = (cursor: string | undefined): number | null => {
  if (cursor === undefined || cursor === '') return null;
  if (!/^[1-9][0-9]{0,15}$/.test(cursor)) {
    throw new RangeError(`The activity cursor ${JSON.stringify(cursor.slice(0, 40))} is not one this log handed out; start from the first page.`);
  }
  return Number(cursor);
};
