import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { EnvironmentError, HarnessError } from '../cli/errors.js';
import { fromEnv } from '../services/backend.js';

/** The schema registry the tool started for these checks (Confluent's REST API). */
export function registryUrl(): string {
  const registry = fromEnv().registry;
  if (!registry) throw new EnvironmentError('no schema registry address (SCHEMA_REGISTRY_URL): run the checks with `pnpm lab N`');
  return registry.url;
}

/** The checks' own client of the registry: to encode and decode records as a reference. */
export function registryClient(): SchemaRegistry {
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
export async function subjectVersions(subject: string): Promise<number[]> {
  const answer = await fetch(`${registryUrl()}/subjects/${encodeURIComponent(subject)}/versions`);
  if (answer.status === 404) return [];
  if (!answer.ok) throw new HarnessError(`GET /subjects/${subject}/versions answered HTTP ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as number[];
}

/** The id and schema of one version of a subject. */
export async function subjectVersion(subject: string, version: number | 'latest'): Promise<{ id: number; schema: string; version: number }> {
  const answer = await fetch(`${registryUrl()}/subjects/${encodeURIComponent(subject)}/versions/${version}`);
  if (!answer.ok) throw new HarnessError(`GET /subjects/${subject}/versions/${version} answered HTTP ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as { id: number; schema: string; version: number };
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
export async function allSubjects(registry = registryUrl()): Promise<string[]> {
  const answer = await fetch(`${registry}/subjects`);
  if (!answer.ok) throw new HarnessError(`GET /subjects answered HTTP ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as string[];
}
