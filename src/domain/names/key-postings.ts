/**
 * `keyPostings(keyCount, records, keysOf)`: for each integer key, the positions of the records carrying it, in
 * position order — an inverted index laid out in two typed arrays (where each key's run starts, then the positions),
 * not a map of lists, because near matching builds one over 50,000 records on every call. Negative keys (a record
 * without one) are skipped.
 */
export interface KeyPostings {
  /** Positions of the records with key `k` are `positions[starts[k]]` up to (not including) `positions[starts[k + 1]]`. */
  readonly starts: Int32Array;
  readonly positions: Int32Array;
}

export const keyPostings = <R>(keyCount: number, records: readonly R[], keysOf: (record: R) => ArrayLike<number>): KeyPostings => {
  const starts = new Int32Array(keyCount + 1);
  for (const record of records) {
    const keys = keysOf(record);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      if (key >= 0) starts[key + 1] = (starts[key + 1] as number) + 1;
    }
  }
  for (let key = 0; key < keyCount; key++) starts[key + 1] = (starts[key + 1] as number) + (starts[key] as number);
  const positions = new Int32Array(starts[keyCount] as number);
  const filled = starts.slice(0, keyCount);
  records.forEach((record, position) => {
    const keys = keysOf(record);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      if (key < 0) continue;
      const at = filled[key] as number;
      positions[at] = position;
      filled[key] = at + 1;
    }
  });
  return { starts, positions };
};
