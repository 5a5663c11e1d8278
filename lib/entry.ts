/** `record[key]`, or an error naming `what` and the key when the record has no such entry. */
export function entry<T>(record: Readonly<Record<string, T>>, key: string, what: string): T {
  const value = record[key];
  if (value === undefined) throw new Error(`${what}: no entry '${key}'`);
  return value;
}
