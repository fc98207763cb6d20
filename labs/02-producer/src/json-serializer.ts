/** Serializes any value to the bytes of its JSON text: what goes into a record's value. */
export function toJson<T>(value: T): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
