import path from 'node:path';
import { EnvironmentError } from '../cli/errors.js';
import { fromEnv, type Backend } from '../services/backend.js';

/** The Kafka bootstrap servers the tool started for these checks. */
export function bootstrapServers(): string[] {
  const kafka = fromEnv().kafka;
  if (!kafka) throw new EnvironmentError('no Kafka address (KAFKA_BOOTSTRAP_SERVERS): run the checks with `pnpm lab N`');
  return kafka.bootstrapServers;
}

/** The lab folder whose code the checks run (labs/NN-topic, solutions/NN-topic, a wrong implementation's copy). */
export function labFolder(): string {
  return path.dirname(process.env.LAB_CODE_DIR ?? path.join(process.cwd(), 'src'));
}

/** Every name handed out by `uniqueName` in this check file: the topics and groups to delete after it. */
export const namesInUse = new Set<string>();

/** `lab02-<base>-<random>`: a topic or group name of its own for every check, so runs never disturb each other. */
export function uniqueName(base: string): string {
  const lab = String(process.env.LAB_NUMBER ?? 0).padStart(2, '0');
  const name = `lab${lab}-${base}-${Math.random().toString(36).slice(2, 8)}`;
  namesInUse.add(name);
  return name;
}

/** Fault injection: stops one broker of the cluster the tool runs (local or docker backend). */
export async function stopBroker(id: number): Promise<void> {
  return (await backend()).stopBroker(id);
}

export async function startBroker(id: number): Promise<void> {
  return (await backend()).startBroker(id);
}

/** The backend the services run on: loaded on first use (every backend's code), as few checks stop a broker. */
export async function backend(): Promise<Backend> {
  const { createBackend, parseBackendName } = await import('../services/select.js');
  return createBackend(parseBackendName(process.env.LAB_BACKEND ?? 'local'));
}

/**
 * Reads `read` until `done` accepts its value, and returns the last value read: at the deadline too, so that
 * the check's own expect() then shows what it expected and what it saw last (never "did not succeed in time").
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, { timeoutMs = 30_000, intervalMs = 200 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
