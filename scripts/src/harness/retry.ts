import { HarnessError } from '../cli/errors.js';

interface KafkaError extends Error {
  retriable?: boolean;
  type?: string;
  cause?: unknown;
}

const isKafkaError = (error: unknown): error is KafkaError => error instanceof Error && error.name.startsWith('KafkaJS');

/** A missing topic or partition: for the check to judge (the trainee may not have created it). */
export function isUnknownTopic(error: unknown): boolean {
  for (let e = error as KafkaError | undefined; e; e = e.cause as KafkaError | undefined) {
    if (e.type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
  }
  return false;
}

function isRetriable(error: unknown): boolean {
  for (let e = error as KafkaError | undefined; e; e = e.cause as KafkaError | undefined) {
    if (e.retriable === true) return true;
  }
  return false;
}

/** Runs the check's own Kafka call: retriable errors again (unless `retries: false`), what still fails as a HarnessError. */
export async function retryingKafka<T>(what: string, call: () => Promise<T>, { retries = true, timeoutMs = 20_000 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      // Assertions and the checks' own verdicts go through as they are.
      if (!isKafkaError(error)) throw error;
      if (isUnknownTopic(error)) throw error;
      if (retries && isRetriable(error) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1000)));
        continue;
      }
      throw new HarnessError(`the check's own ${what} failed (${error.message}): a problem of the check or of the cluster, not of your code; run the checks again, and see \`pnpm lab status\``);
    }
  }
}
