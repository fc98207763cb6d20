import { createRequire } from 'node:module';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { EnvironmentError, HarnessError } from '../cli/errors.js';
import { fromEnv } from '../services/backend.js';

/** The schema registry the tool started for these checks (Confluent's REST API). */
export function registryUrl(): string {
  const registry = fromEnv().registry;
  if (!registry) throw new EnvironmentError('no schema registry address (SCHEMA_REGISTRY_URL): run the checks with `pnpm lab N`');
  return registry.url;
}

// Loaded on first use: the labs whose checks never ask the registry do not pay the 0.2 s of CPU it takes to load.
const require = createRequire(import.meta.url);

/** The checks' own client of the registry: to encode and decode records as a reference. */
export function registryClient(): SchemaRegistry {
  const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry') as typeof import('@kafkajs/confluent-schema-registry');
  return new SchemaRegistry({ host: registryUrl() });
}

export async function requireRegistry(): Promise<void> {
  try {
    const answer = await fetch(`${registryUrl()}/subjects`, { signal: AbortSignal.timeout(5000) });
    if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
  } catch (error) {
    throw new EnvironmentError(`the schema registry at ${registryUrl()} does not answer (${(error as Error).message}): start it with \`pnpm lab up 4\`, see \`pnpm lab status\``);
  }
}

/** The versions registered under a subject, as the registry lists them ([] for an unknown subject). */
export function subjectVersions(subject: string): Promise<number[]> {
  return getJson<number[]>(`/subjects/${encodeURIComponent(subject)}/versions`, registryUrl(), { notFound: [] });
}

/** The id and schema of one version of a subject. */
export function subjectVersion(subject: string, version: number | 'latest'): Promise<{ id: number; schema: string; version: number }> {
  return getJson(`/subjects/${encodeURIComponent(subject)}/versions/${version}`);
}

/** Deletes subjects for good (a soft delete, then the permanent one), as the checks' clean-up. */
export async function deleteSubjects(subjects: string[], registry = registryUrl()): Promise<void> {
  for (const subject of subjects) {
    const url = `${registry}/subjects/${encodeURIComponent(subject)}`;
    await fetch(url, { method: 'DELETE' });
    await fetch(`${url}?permanent=true`, { method: 'DELETE' });
  }
}

/** Every subject of the registry. */
export function allSubjects(registry = registryUrl()): Promise<string[]> {
  return getJson('/subjects', registry);
}

/** A GET of the registry's REST API; `notFound` is the answer to a 404, which is an error otherwise. */
async function getJson<T>(path: string, registry = registryUrl(), { notFound }: { notFound?: T } = {}): Promise<T> {
  const answer = await fetch(`${registry}${path}`);
  if (answer.status === 404 && notFound !== undefined) return notFound;
  if (!answer.ok) throw new HarnessError(`GET ${path} answered HTTP ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as T;
}
