import { defineLab } from '@kafka-labs/tool/lab';

const slide = 'slides/decks/05-connect.md';

export default defineLab({
  title: 'Kafka Connect to Elasticsearch',
  services: ['kafka', 'registry', 'elasticsearch', 'connect'],
  programs: {
    deploy: 'src/deploy.ts',
    produce: 'src/produce.ts',
    pause: 'src/pause.ts',
    resume: 'src/resume.ts',
  },
  tasks: [
    {
      id: 'position-index',
      title: 'src/position-index.ts: createPositionIndex creates the index with @timestamp mapped as a date in epoch_millis and 0 replicas, and leaves an existing index as it is',
      hints: [
        'An Elasticsearch index has a mapping: the type of each field. Left to dynamic mapping, a number such as a Kafka timestamp becomes a `long`, and Kibana cannot draw it on a time axis (the slides: an Elasticsearch sink; the workbook\'s 5.2).',
        '@elastic/elasticsearch: es.indices.exists({ index }) answers true or false; es.indices.create({ index, settings, mappings }) fails with resource_already_exists_exception when it exists. A single node cannot hold a replica: number_of_replicas 0 keeps the index green.',
        'if (await es.indices.exists({ index })) return; await es.indices.create({ index, settings: { number_of_replicas: 0 }, mappings: { properties: { \'@timestamp\': { type: \'date\', format: \'epoch_millis\' } } } });',
      ],
      slide,
    },
    {
      id: 'connector-running',
      title: 'src/connect.ts: deployConnector creates the connector of connect/position-sink.json, or updates it when it exists, and it runs (RUNNING, with its tasks); connectorState reports what Connect reports',
      hints: [
        'A connector is created and changed through the Connect worker\'s REST API; the worker then starts its tasks, which do the work. GET /connector-plugins lists what is installed, GET /connectors/{name}/status the state of the connector and of each task (the slides: the REST API).',
        'POST /connectors creates a connector and answers 409 Conflict when it exists; PUT /connectors/{name}/config takes the config alone and creates or updates. fetch(url, { method, headers: { \'content-type\': \'application/json\' }, body }) and check answer.ok. The status is { connector: { state }, tasks: [{ id, state }] }.',
        'await fetch(`${connectUrl}/connectors/${name}/config`, { method: \'PUT\', headers: { \'content-type\': \'application/json\' }, body: JSON.stringify(config) }); for the state: const s = await (await fetch(`${connectUrl}/connectors/${name}/status`)).json(); return { connector: s.connector.state, tasks: s.tasks.map((t) => t.state) }.',
      ],
      slide,
    },
    {
      id: 'documents-indexed',
      title: 'connect/position-sink.json: every position written to the topic (JSON values, courier ids as plain-text keys) becomes one document of the index named after the topic, with the record\'s fields',
      hints: [
        'Converters turn the bytes of each record into Connect\'s data, key and value apart; the sink then writes one document per record. A converter that does not match what the producer wrote fails every record (the slides: converters; the task\'s trace in GET /connectors/{name}/status says why).',
        'The positions\' values are plain JSON (no schema envelope), their keys plain text (courier-3), not JSON. The sink keys to set: key.ignore (document id topic+partition+offset), schema.ignore. Try: `pnpm lab 5 run deploy`, `pnpm lab 5 run produce`, then http://localhost:9200/position/_search (local: the Elasticsearch address `pnpm lab 5` prints).',
        '"key.ignore": "true", "schema.ignore": "true", "key.converter": "org.apache.kafka.connect.storage.StringConverter", "value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": "false".',
      ],
      slide,
    },
    {
      id: 'kafka-timestamp',
      title: 'connect/position-sink.json: each document\'s @timestamp is its record\'s Kafka timestamp (a single message transform)',
      hints: [
        'A single message transform (SMT) changes each record between the converter and the connector: one of Kafka\'s built-in transforms adds the record\'s own timestamp to the value (the slides: single message transforms; the workbook\'s 5.3 improvements).',
        'transforms names a chain of transforms; each has its type (a class) and its settings under transforms.<name>.…. InsertField$Value with timestamp.field inserts the record timestamp in the value.',
        '"transforms": "kafkaTimestamp", "transforms.kafkaTimestamp.type": "org.apache.kafka.connect.transforms.InsertField$Value", "transforms.kafkaTimestamp.timestamp.field": "@timestamp".',
      ],
      slide,
    },
    {
      id: 'dead-letter-queue',
      title: 'connect/position-sink.json: a record that is not JSON goes, unchanged, to the dead letter queue topic of errors.deadletterqueue.topic.name; the task keeps running and indexes the records after it',
      hints: [
        'By default one bad record fails the task, and nothing after it is written until someone restarts it. A sink can tolerate errors and set the bad records aside in a dead letter queue, a topic to inspect later (the slides: errors and dead letters).',
        'errors.tolerance (none or all) decides whether a failed record stops the task; errors.deadletterqueue.topic.name names the topic that receives the failed records as they were read; errors.deadletterqueue.context.headers.enable adds why, in headers. Try: `pnpm lab 5 run produce -- poison`.',
        '"errors.tolerance": "all", "errors.deadletterqueue.topic.name": "position-dlq", "errors.deadletterqueue.topic.replication.factor": "3", "errors.deadletterqueue.context.headers.enable": "true".',
      ],
      slide,
    },
    {
      id: 'pause-resume',
      title: 'src/connect.ts: pauseConnector resolves once the connector and its tasks are PAUSED (nothing is indexed while paused), resumeConnector once they are RUNNING again; every record is then indexed exactly once',
      hints: [
        'Pausing a connector keeps it, its tasks and its committed offsets: resumed, it goes on from where it stopped, so nothing is lost and nothing is written twice (the slides: the REST API). Connect acts on such requests asynchronously.',
        'PUT /connectors/{name}/pause and PUT /connectors/{name}/resume answer 202 Accepted at once; the states change a moment later. Poll GET /connectors/{name}/status (connectorState) until the connector and every task show the state you asked for. /restart is for failed tasks, not for paused ones.',
        'await fetch(`${connectUrl}/connectors/${name}/pause`, { method: \'PUT\' }); then loop: const s = await connectorState(connectUrl, name); if (s.connector === \'PAUSED\' && s.tasks.length > 0 && s.tasks.every((t) => t === \'PAUSED\')) return; await new Promise((r) => setTimeout(r, 200)); (the same with resume and RUNNING).',
      ],
      slide,
    },
    {
      id: 'avro-documents',
      title: 'connect/position-avro-sink.json: every Avro position of the topic (the schema registry\'s format, as workshop 4 writes it) becomes one document of the index named after the topic, with the record\'s fields',
      hints: [
        'The converter is what knows the format of the bytes: the same sink writes JSON or Avro records alike once a converter has read them into Connect\'s structs. An Avro record in the registry\'s format starts with the id of its schema, which the converter fetches from the registry (the slides: converters; the workbook\'s 5.3 improvements).',
        'value.converter is the Avro converter, AvroConverter (Connect accepts a plugin\'s simple class name: Confluent\'s with Docker, the course\'s without), and a converter\'s own settings are prefixed with value.converter.: it needs schema.registry.url, which the worker gives as ${env:SCHEMA_REGISTRY_URL}. Try: `pnpm lab 4 run …` writes Avro positions; then `pnpm lab 5 run deploy`.',
        'Copy position-sink.json, with "topics": "position-avro", "value.converter": "AvroConverter", "value.converter.schema.registry.url": "${env:SCHEMA_REGISTRY_URL}" (and no value.converter.schemas.enable).',
      ],
      slide,
    },
  ],
  reset: {
    connectors: ['position-sink', 'position-avro-sink'],
    indices: ['position', 'position-avro'],
    topics: ['position', 'position-dlq'],
    groups: ['connect-position-sink', 'connect-position-avro-sink'],
  },
});
