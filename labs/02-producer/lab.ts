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
      hint: 'In sendFireAndForget, call producer.send({ topic, acks: 0, messages: [record] }) for each position without awaiting it (nobody reads the answer, so ask for none); ignore its errors (.catch(() => {})), hand it to an InFlightWindow (await window.add(send)) and await window.drain() at the end, only so the records leave before disconnect().',
      slide,
    },
    {
      id: 'synchronous',
      title: 'Mode 1: synchronous, each send waits for its acknowledgement before the next',
      hint: 'In sendSynchronously, await producer.send({ topic, acks: -1, messages: [record] }) inside the loop: one record in flight at a time per courier, acknowledged by all in-sync replicas.',
      slide,
    },
    {
      id: 'asynchronous',
      title: 'Mode 2: asynchronous, many sends in flight, delivery errors counted',
      hint: 'In sendAsynchronously, do not await producer.send() itself: attach the callback .then(() => sent++, (error) => failed++) to it and hand that to an InFlightWindow (await window.add(…)); await window.drain() at the end and return { sent, failed }. runProducer must resolve even when every record fails.',
      slide,
    },
    {
      id: 'recreate-topic',
      title: 'Re-create the topic with 5 partitions and replication factor 3',
      hint: 'In recreatePositionTopic, delete the topic if admin.listTopics() has it, wait until it is gone, then admin.createTopics({ topics: [{ topic, numPartitions: 5, replicationFactor: 3 }], waitForLeaders: false }) and wait until admin.fetchTopicMetadata({ topics: [topic] }) answers with a leader for every partition (retry while it throws: new metadata takes a moment to reach every broker).',
      slide,
    },
    {
      id: 'workbook-run',
      title: 'The workbook run: 100 couriers × 1000 positions, synchronous, on the re-created topic',
      hint: 'Once the other tasks pass this one should too: 100 concurrent couriers, each awaiting its sends, 100,000 records in all spread over the 5 partitions. If records are missing, make sure runProducer waits for every courier (Promise.all) before disconnect().',
      slide,
    },
  ],
});
