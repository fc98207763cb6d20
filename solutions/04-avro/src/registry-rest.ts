import { registryUrl } from './client.js';

/**
 * The registry's REST API by hand (what http://localhost:8081/subjects shows in a browser): Confluent's API,
 * answered by the lab's registry whatever the backend.
 */
export async function listSubjects(url: string): Promise<string[]> {
  return (await getJson(`${url}/subjects`)) as string[];
}

export async function versionsOf(url: string, subject: string): Promise<number[]> {
  return (await getJson(`${url}/subjects/${encodeURIComponent(subject)}/versions`)) as number[];
}

/** The schema registered with that id, as the registry stores it (a JSON string for Avro). */
export async function schemaById(url: string, id: number): Promise<string> {
  return ((await getJson(`${url}/schemas/ids/${id}`)) as { schema: string }).schema;
}

async function getJson(url: string): Promise<unknown> {
  const answer = await fetch(url);
  if (!answer.ok) throw new Error(`GET ${url}: HTTP ${answer.status} ${await answer.text()}`);
  return answer.json();
}

/** `pnpm lab 4 run registry`: every subject and its versions. */
export async function main(): Promise<void> {
  const url = registryUrl();
  for (const subject of await listSubjects(url)) {
    const versions = await versionsOf(url, subject);
    console.log(`${subject}: versions ${versions.join(', ')}`);
  }
}
