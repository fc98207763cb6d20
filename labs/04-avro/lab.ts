import { defineLab } from '@kafka-labs/tool/lab';

const slide = 'slides/decks/04-avro.md';

export default defineLab({
  title: 'Avro and the schema registry',
  services: ['kafka', 'registry'],
  programs: {
    producer: 'src/producer.ts',
    consumer: 'src/consumer.ts',
    registry: 'src/registry-rest.ts',
    avrogen: 'src/avrogen.ts',
  },
  reset: { topics: ['position-avro'], groups: ['position-avro-consumer'], subjects: ['position-avro-value'] },
  tasks: [
    {
      id: 'register-schema',
      title: 'The producer registers schemas/courier.avsc under the subject position-avro-value (the topic\'s name + "-value") and gets its id',
      hints: [
        'A schema registry keeps every version of a schema under a subject; by default the subject of a topic\'s values is "<topic>-value". Registering returns the schema\'s id, the one every record will carry (the slides: the schema registry).',
        "@kafkajs/confluent-schema-registry's registry.register({ type: SchemaType.AVRO, schema }, { subject }) registers the schema text (read the .avsc file) and resolves to { id }.",
        "const { id } = await registry.register({ type: SchemaType.AVRO, schema: fs.readFileSync(schemaFile, 'utf8') }, { subject: valueSubject(topic) }); return id.",
      ],
      slide,
    },
    {
      id: 'produce-avro',
      title: 'Couriers sent in Confluent\'s wire format (magic byte 0, the schema id on 4 bytes, the Avro binary), keyed by courier id',
      hints: [
        'A record of an Avro topic does not carry its schema, only its id: one byte 0, the id as a 4-byte big-endian integer, then the Avro binary of the value. Any consumer fetches the schema from the registry by that id.',
        "registry.encode(schemaId, value) writes exactly that, for a value that matches the schema; producer.send({ topic, messages }) with a key per message.",
        'messages = await Promise.all(couriers.map(async (c) => ({ key: c.id, value: await registry.encode(schemaId, c) }))); then one await producer.send({ topic, messages }).',
      ],
      slide,
    },
    {
      id: 'generic-consumer',
      title: 'A consumer reads the couriers back as generic records (no generated type), from the beginning of the topic',
      hints: [
        'A generic reader (the workbook\'s GenericRecord) needs no class generated from the schema: the schema id in each record names the writer\'s schema, and the registry gives it.',
        'consumer.subscribe({ topic, fromBeginning: true }), consumer.run({ eachMessage }); in eachMessage, await registry.decode(message.value) gives a plain object.',
        'Push each decoded value into an array and resolve a promise once `count` are read; await it, then await consumer.disconnect() (in finally) and return the array.',
      ],
      slide,
    },
    {
      id: 'compatible-evolution',
      title: 'schemas/courier-v2.avsc adds first_name with a default: version 2 of the subject, and the unchanged consumer reads old and new records',
      hints: [
        'Under BACKWARD compatibility (the registry\'s default), a new version must be able to read the data written with the previous one: a field added with a default is fine, the reader fills it in for old records.',
        'Copy schemas/courier.avsc to schemas/courier-v2.avsc and add { "name": "first_name", "type": "string", "default": "" } to its fields; `pnpm lab 4 run producer -- 10 schemas/courier-v2.avsc` registers it.',
        'Nothing to change in the code: registerCourierSchema registers version 2, produceCouriers encodes with its id (a missing first_name gets the default), and readCouriers decodes each record with its own schema.',
      ],
      slide,
    },
    {
      id: 'incompatible-evolution',
      title: 'schemas/courier-v3.avsc adds vehicle_id without a default: the registry refuses it (409), the producer says so in one line and sends nothing',
      hints: [
        'A field added without a default breaks BACKWARD compatibility: a reader of the new version could not read the old records. The registry refuses to register it (HTTP 409), so no record can be written with it.',
        'Copy courier-v2.avsc to courier-v3.avsc and add { "name": "vehicle_id", "type": "int" }. The error registry.register() throws on a refusal has status 409: turn it into one clear line (which schema, which subject, incompatible).',
        "In registerCourierSchema: try { register } catch (error) { if (error.status === 409) throw new Error(`the registry refused ${path.basename(schemaFile)} for ${subject}: incompatible …`); throw error; }. main then stops before sending anything.",
      ],
      slide,
    },
    {
      id: 'registry-rest',
      title: 'The registry\'s REST API: list the subjects, the versions of one, and a schema by its id',
      hints: [
        'The registry is a REST service (the workbook browses http://localhost:8081/subjects): subjects, their versions, and schemas by id are plain GET requests answering JSON.',
        'GET /subjects → ["position-avro-value", …]; GET /subjects/{subject}/versions → [1, 2]; GET /schemas/ids/{id} → { "schema": "…" }. Node\'s fetch(url) and answer.json() are enough.',
        'return (await fetch(`${url}/subjects`)).json(); the same with `/subjects/${encodeURIComponent(subject)}/versions`; for a schema, ((await fetch(`${url}/schemas/ids/${id}`)).json()).schema.',
      ],
      slide,
    },
  ],
});
