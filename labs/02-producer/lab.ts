import { defineLab } from '@kafka-labs/tool/lab';

const slide = 'slides/decks/02-producer.md';

export default defineLab({
  title: 'The producer API',
  services: ['kafka'],
  programs: {
    producer: 'src/producer.ts',
    'recreate-topic': 'src/position-topic.ts',
  },
  reset: { topics: ['position'] },
  tasks: [
    {
      id: 'fire-and-forget',
      title: 'Mode 0: fire-and-forget sends every position, keyed by courier id, without waiting',
      hints: [
        'Fire-and-forget: send and move on, never wait for nor read the answer (acks 0: the broker sends none). Every position is keyed by its courier id. Sends still in the client when it disconnects are lost.',
        'producer.send({ topic, acks: 0, messages: [record] }) without awaiting it; the given InFlightWindow (add, drain) lets many sends fly and lets them leave before disconnect().',
        'for each step: await window.add(producer.send({ topic, acks: 0, messages: [positionRecord(c, step)] }).catch(() => {})); after the loop await window.drain(); positionRecord gives { key: c.id, value }.',
      ],
      slide,
    },
    {
      id: 'synchronous',
      title: 'Mode 1: synchronous, each send waits for its acknowledgement before the next',
      hints: [
        'Synchronous: one record at a time per courier, each acknowledged by all in-sync replicas (acks all) before the next is sent.',
        'await producer.send({ topic, acks: -1, messages: [record] }) inside the loop: the await is what makes it synchronous.',
        'for (let step = 0; step < messages; step++) await producer.send({ topic, acks: -1, messages: [positionRecord(c, step)] }); return { sent: messages, failed: 0, elapsedMs: 0 }.',
      ],
      slide,
    },
    {
      id: 'asynchronous',
      title: 'Mode 2: asynchronous, many sends in flight, delivery errors counted',
      hints: [
        "Asynchronous: keep many sends in flight and learn each one's fate in a callback, like the Java producer's send(record, callback): acknowledged records and delivery errors are counted, never thrown.",
        'Do not await producer.send(); attach .then(onAcknowledged, onError) to it and hand that to an InFlightWindow (await window.add(…)); await window.drain() before returning.',
        'const send = producer.send({ topic, acks: -1, messages: [positionRecord(c, step)] }); await window.add(send.then(() => { report.sent++ }, () => { report.failed++ })); after the loop await window.drain(); return report.',
      ],
      slide,
    },
    {
      id: 'recreate-topic',
      title: 'Re-create the topic with 5 partitions and replication factor 3',
      hints: [
        "Re-creating a topic deletes it with all its records, then creates it with 5 partitions × 3 replicas. Both are asynchronous on the brokers: wait for the deletion, then for the new partitions' leaders.",
        "admin.listTopics(), admin.deleteTopics({ topics }), admin.createTopics({ topics, waitForLeaders: false }) and admin.fetchTopicMetadata({ topics }) to see each partition's leader (it throws while the topic is unknown: try again).",
        'If listed: deleteTopics, then poll listTopics until gone. createTopics({ topics: [{ topic, numPartitions: 5, replicationFactor: 3 }], waitForLeaders: false }), then poll fetchTopicMetadata (catching errors) until every partition has leader >= 0.',
      ],
      slide,
    },
    {
      id: 'workbook-run',
      title: 'The workbook run, shortened: 100 couriers × 50 positions at the same time, synchronous, on the re-created topic',
      hints: [
        "The workbook's run: 100 couriers at once, each sending its positions synchronously. It passes once the other tasks do, if runProducer waits for every courier before it disconnects.",
        'runProducer starts one sender per courier at the same time (Promise.all over the couriers) and disconnects in finally, after all of them.',
        'const reports = await Promise.all(couriers.map((c) => senders[mode](producer, topic, c, messages))); sum sent and failed over the reports; await producer.disconnect() in finally.',
      ],
      slide,
    },
  ],
});
