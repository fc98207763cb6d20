import { registryUrl } from './client.js';

/**
 * The registry's REST API by hand (what http://localhost:8081/subjects shows in a browser): Confluent's API,
 * answered by the lab's registry whatever the backend.
 */
export async function listSubjects(url: string): Promise<string[]> {
  // TODO: GET /subjects
  throw new Error('TODO: listSubjects');
}

export async function versionsOf(url: string, subject: string): Promise<number[]> {
  // TODO: GET /subjects/{subject}/versions
  throw new Error('TODO: versionsOf');
}

/** The schema registered with that id, as the registry stores it (a JSON string for Avro). */
export async function schemaById(url: string, id: number): Promise<string> {
  // TODO: GET /schemas/ids/{id}: its `schema` field
  throw new Error('TODO: schemaById');
}

/** `pnpm lab 4 run registry`: every subject and its versions. */
export async function main(): Promise<void> {
  const url = registryUrl();
  for (const subject of await listSubjects(url)) {
    const versions = await versionsOf(url, subject);
    console.log(`${subject}: versions ${versions.join(', ')}`);
  }
}
