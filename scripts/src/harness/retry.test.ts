import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../cli/errors.js';
import { retryingKafka } from './retry.js';

// NOT_COORDINATOR (16, retriable): what a freshly started cluster answers while the group coordinator moves.
const protocolError = (type: string, code: number, message: string) => new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable: true }));
const notCoordinator = () => protocolError('NOT_COORDINATOR', 16, 'This is not the correct coordinator for this group');

describe("the check's own Kafka calls", () => {
  it('retry what Kafka says is retriable', async () => {
    let calls = 0;
    const result = await retryingKafka('admin request', async () => {
      calls += 1;
      if (calls < 3) throw notCoordinator();
      return 'offsets';
    });
    expect(result).toBe('offsets');
    expect(calls).toBe(3);
  });

  it('report what still fails as the check\'s trouble (an error), never as the trainee\'s fail', async () => {
    const error = await retryingKafka('admin request', async () => {
      throw new KafkaJSNonRetriableError('Cluster authorization failed');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as Error).message).toMatch(/the check's own admin request failed .*not of your code/);

    const exhausted = await retryingKafka('admin request', async () => {
      throw notCoordinator();
    }, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(exhausted).toBeInstanceOf(HarnessError);
  });

  it('leave assertions and a missing topic to the check', async () => {
    const assertion = new Error('expected 5 partitions, found 1');
    await expect(retryingKafka('admin request', async () => { throw assertion; })).rejects.toBe(assertion);
    const missing = protocolError('UNKNOWN_TOPIC_OR_PARTITION', 3, 'This server does not host this topic-partition');
    await expect(retryingKafka('admin request', async () => { throw missing; })).rejects.toBe(missing);
  });
});
