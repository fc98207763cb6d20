import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSchemaRegistry } from './schema-registry.js';

// A registry of its own, on ports of its own (base + 389: not the lab's 289), in a temporary folder.
const port = Number(process.env.LAB_PORT_BASE ?? 19092) + 389;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-labs-registry-'));
const registry = new LocalSchemaRegistry({ dir, port, apicurioPort: port + 1 });

const position = (fields: object[]) => JSON.stringify({ type: 'record', name: 'Position', namespace: 'dev.kafkalabs', fields: [{ name: 'latitude', type: 'double' }, ...fields] });

beforeAll(() => registry.start(() => {}), 180_000);
afterAll(async () => {
  await registry.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the local schema registry (Apicurio behind our proxy)', () => {
  it('answers Confluent\'s API at its root, with BACKWARD compatibility as Confluent\'s registry', async () => {
    const answer = await fetch(`${registry.url}/config`);
    expect(await answer.json()).toEqual({ compatibilityLevel: 'BACKWARD' });
    const noLevel = await fetch(`${registry.url}/config/never-registered-value`);
    expect(noLevel.status, 'a subject without a level of its own: 404, as Confluent').toBe(404);
    expect(await noLevel.json()).toMatchObject({ error_code: 40408 });
  });

  it('registers with @kafkajs/confluent-schema-registry: a compatible version 2, a 409 for an incompatible one', async () => {
    const client = new SchemaRegistry({ host: registry.url });
    const subject = 'test-position-value';
    const v1 = await client.register({ type: SchemaType.AVRO, schema: position([]) }, { subject });
    const v2 = await client.register({ type: SchemaType.AVRO, schema: position([{ name: 'first_name', type: 'string', default: '' }]) }, { subject });
    expect(v2.id).not.toBe(v1.id);
    expect(await (await fetch(`${registry.url}/subjects/${subject}/versions`)).json()).toEqual([1, 2]);
    const refused = client.register({ type: SchemaType.AVRO, schema: position([{ name: 'vehicle_id', type: 'string' }]) }, { subject });
    await expect(refused).rejects.toMatchObject({ status: 409 });
    expect(await (await fetch(`${registry.url}/subjects/${subject}/versions`)).json(), 'nothing registered by the refused schema').toEqual([1, 2]);
    const encoded = await client.encode(v2.id, { latitude: 45.1, first_name: 'Ada' });
    expect(encoded[0], 'the magic byte of the wire format').toBe(0);
    expect(encoded.readInt32BE(1), 'the schema id').toBe(v2.id);
    expect(await client.decode(encoded)).toEqual({ latitude: 45.1, first_name: 'Ada' });
  });

  it('names the port and the fix when another program holds it', async () => {
    const other = new LocalSchemaRegistry({ dir: path.join(dir, 'other'), port: port + 2, apicurioPort: port + 3 });
    const server = net.createServer().listen(port + 2, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      await expect(other.start(() => {})).rejects.toThrow(`port ${port + 2} (the schema registry) is used by another program: stop it, or move the lab's ports with LAB_PORT_BASE=<port>`);
    } finally {
      server.close();
    }
  });
});
