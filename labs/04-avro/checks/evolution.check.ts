import { describe, expect, it } from 'vitest';
import { endOffsets, registryClient, startProgram, subjectVersions, type RunningProgram } from '@kafka-labs/tool/harness';
import { registerCourierSchema } from '#lab/producer';
import producerProgram from '#lab/producer.ts?program';
import { byTimestamp, couriers, fieldsOf, newAvroTopic, produceAsReference, readWithLabCode, registerAsReference, schemaPath, schemaText } from './couriers.js';

const V2 = 'copy schemas/courier.avsc to schemas/courier-v2.avsc and add the field first_name (a string) with a default (README 4.4.1)';
const V3 = 'copy schemas/courier-v2.avsc to schemas/courier-v3.avsc and add the field vehicle_id (an int) without a default (README 4.4.2)';

describe.concurrent('compatible-evolution', () => {
  it('registers courier-v2.avsc as version 2; the unchanged consumer reads the old and the new records', async () => {
    const v2 = fieldsOf(schemaText('courier-v2.avsc', V2));
    expect(v2.get('first_name'), 'the field first_name of courier-v2.avsc').toBeDefined();
    expect('default' in v2.get('first_name')!, 'first_name has a default (without one, old records could not be read with version 2)').toBe(true);
    const { topic, subject } = await newAvroTopic();
    const v1Id = await registerAsReference(subject, schemaText('courier.avsc'));
    const old = couriers(5);
    await produceAsReference(topic, v1Id, old);

    const v2Id = await registerCourierSchema(registryClient(), schemaPath('courier-v2.avsc'), topic);
    expect(await subjectVersions(subject), `versions of ${subject} after registering courier-v2.avsc`).toEqual([1, 2]);
    expect(v2Id, 'the id of version 2: another schema than version 1').not.toBe(v1Id);
    const fresh = couriers(5, 100).map((c, i) => ({ ...c, first_name: `Courier ${i}` }));
    await produceAsReference(topic, v2Id, fresh);

    const read = await readWithLabCode(topic, old.length + fresh.length);
    expect(read.sort(byTimestamp), 'the records read: version 1 ones without first_name, version 2 ones with it').toEqual([...old, ...fresh]);
  });
});

describe.concurrent('incompatible-evolution', () => {
  it('the registry refuses courier-v3.avsc (409); the producer says so in one line, exits with an error and sends nothing', async () => {
    const v3 = fieldsOf(schemaText('courier-v3.avsc', V3));
    expect(v3.get('vehicle_id'), 'the field vehicle_id of courier-v3.avsc').toBeDefined();
    expect('default' in v3.get('vehicle_id')!, 'vehicle_id has no default (the incompatible change of the workbook)').toBe(false);
    const { topic, subject } = await newAvroTopic();
    await registerAsReference(subject, schemaText('courier.avsc'));
    const v2Id = await registerAsReference(subject, schemaText('courier-v2.avsc', V2));
    await produceAsReference(topic, v2Id, couriers(3).map((c) => ({ ...c, first_name: 'Ada' })));
    const before = Object.fromEntries(await endOffsets(topic));

    const producer: RunningProgram = startProgram(producerProgram, ['5', schemaPath('courier-v3.avsc')], { POSITION_TOPIC: topic });
    const code = await Promise.race([producer.exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 30_000).unref())]);
    if (code === 'running') await producer.stop('SIGKILL');
    expect(code, `the producer's exit code with courier-v3.avsc (it printed:\n${producer.tail(6)})`).not.toBe(0);
    expect(await subjectVersions(subject), `versions of ${subject}: nothing registered by courier-v3.avsc`).toEqual([1, 2]);
    expect(Object.fromEntries(await endOffsets(topic)), 'end offsets of the topic: no record sent after the refusal').toEqual(before);
    const lines = producer.output.filter((l) => l.trim() !== '');
    const said = lines.filter((l) => /incompatib/i.test(l) && l.includes(subject) && l.includes('courier-v3.avsc'));
    expect(said.length, `lines of the producer's output that say courier-v3.avsc is incompatible for ${subject} (it printed:\n${producer.tail(6)})`).toBe(1);
    expect(lines.filter((l) => /^\s+at /.test(l)), 'stack trace lines (one clear line instead)').toEqual([]);
  });
});
