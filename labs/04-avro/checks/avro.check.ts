import { describe, expect, it } from 'vitest';
import { consumeAll, registryClient, registryUrl, subjectVersion, subjectVersions } from '@kafka-labs/tool/harness';
import { registerCourierSchema } from '#lab/producer';
import { listSubjects, schemaById, versionsOf } from '#lab/registry-rest';
import { byTimestamp, couriers, expectWireFormat, fieldsOf, newAvroTopic, produceAsReference, produceWithLabCode, readWithLabCode, registerAsReference, schemaPath, schemaText } from './couriers.js';

describe.concurrent('register-schema', () => {
  it('registers courier.avsc as version 1 of <topic>-value and returns the id the registry gave it', async () => {
    const { topic, subject } = await newAvroTopic();
    const id = await registerCourierSchema(registryClient(), schemaPath('courier.avsc'), topic);
    expect(await subjectVersions(subject), `versions of the subject ${subject} (the topic's name + "-value")`).toEqual([1]);
    const registered = await subjectVersion(subject, 1);
    expect(id, `the id returned, against the id of ${subject} version 1`).toBe(registered.id);
    expect([...fieldsOf(registered.schema).keys()], 'the fields of the schema registered').toEqual([...fieldsOf(schemaText('courier.avsc')).keys()]);
  });
});

describe.concurrent('produce-avro', () => {
  it('sends every courier keyed by its id, its value in Confluent\'s wire format with the schema id', async () => {
    const { topic, subject } = await newAvroTopic();
    const id = await registerAsReference(subject, schemaText('courier.avsc'));
    const sent = couriers(30);
    await produceWithLabCode(topic, id, sent);
    const records = await consumeAll(topic);
    expect(records.length, `records in ${topic} after sending ${sent.length} couriers`).toBe(sent.length);
    expect(new Set(expectWireFormat(records)), 'the schema ids the records carry').toEqual(new Set([id]));
    const decoded = await Promise.all(records.map(async (r) => ({ key: r.key, value: await registryClient().decode(r.rawValue!) })));
    for (const { key, value } of decoded) expect(key, 'each record\'s key: its courier\'s id').toBe((value as { id: string }).id);
    expect(decoded.map((d) => d.value as Record<string, unknown>).sort(byTimestamp), 'the couriers read back, in the order sent').toEqual(sent);
  });
});

describe.concurrent('generic-consumer', () => {
  it('reads every record of the topic from its beginning, each decoded with the schema its id names', async () => {
    const { topic, subject } = await newAvroTopic();
    const id = await registerAsReference(subject, schemaText('courier.avsc'));
    const sent = couriers(12);
    await produceAsReference(topic, id, sent);
    const read = await readWithLabCode(topic, sent.length);
    expect(read.sort(byTimestamp), 'the records read (generic: plain objects with the fields of their schema)').toEqual(sent);
  });
});

describe.concurrent('registry-rest', () => {
  it('lists the subjects and the versions of one, and fetches a schema by its id, as the registry answers them', async () => {
    const { subject } = await newAvroTopic();
    const id = await registerAsReference(subject, schemaText('courier.avsc'));
    const url = registryUrl();
    const truth = async (path: string) => (await fetch(`${url}${path}`)).json();
    expect(await listSubjects(url), 'listSubjects: the subjects, GET /subjects').toEqual(expect.arrayContaining([subject]));
    expect(new Set(await listSubjects(url)), 'listSubjects: every subject of GET /subjects').toEqual(new Set((await truth('/subjects')) as string[]));
    expect(await versionsOf(url, subject), `versionsOf: the versions of ${subject}`).toEqual([1]);
    expect(JSON.parse(await schemaById(url, id)), `schemaById(${id}): the schema registered with that id, as text`).toEqual(JSON.parse(((await truth(`/schemas/ids/${id}`)) as { schema: string }).schema));
  });
});
