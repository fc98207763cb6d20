/**
 * A courier's position as a Kafka record, as workshop 2's producer writes it (JSON, keyed by courier id): the
 * input of the consumer and transfer checks. The `n`th position moves north a little, so records differ.
 */
export function positionRecord(courierId: string, n = 0): { key: string; value: string } {
  return { key: courierId, value: JSON.stringify({ courierId, latitude: 48.85 + n / 1e6, longitude: 2.35, timestamp: Date.now() }) };
}
