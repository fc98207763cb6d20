import { defineLab } from '@kafka-labs/tool/lab';

const slide = 'slides/decks/03-consumer.md';

export default defineLab({
  title: 'The consumer API, into PostgreSQL',
  services: ['kafka', 'postgres'],
  schema: 'sql/create-table.sql',
  programs: {
    consumer: 'src/consumer.ts',
  },
  reset: { topics: [], groups: ['position-consumer'], sql: ['TRUNCATE processed_position'] },
  tasks: [
    {
      id: 'store-every-record',
      title: 'The poll loop: every record of the topic becomes one row in PostgreSQL',
      hints: [
        'The poll loop: each member of the group reads records and stores one row per record. A new group starts at the end of each partition unless it reads from the beginning.',
        "consumer.connect(), consumer.subscribe({ topic, fromBeginning: true }), consumer.run({ eachMessage }); insertPosition is one parameterized INSERT (pg's pool.query(text, values)).",
        'In startPositionConsumers, for each consumer: connect, subscribe({ topic, fromBeginning: true }), run({ autoCommit: false, eachMessage: (payload) => storeThenCommit(consumer, db, payload) }). insertPosition: INSERT INTO processed_position (topic, "partition", "offset", courier_id, latitude, longitude) VALUES ($1, …, $6).',
      ],
      slide,
    },
    {
      id: 'restart-same-group',
      title: 'Ctrl+C stops cleanly (last commits, group left); a restart in the same group loses nothing and repeats nothing',
      hints: [
        'A group resumes from its committed offsets: the committed offset is the next record to read. Ctrl+C should commit the last offsets and leave the group, so a restart repeats nothing.',
        "consumer.commitOffsets([{ topic, partition, offset }]) with offset = the record's offset + 1; consumer.disconnect() leaves the group.",
        'After insertPosition: await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]). On SIGINT, main calls running.stop(), which disconnects every consumer.',
      ],
      slide,
    },
    {
      id: 'rebalance',
      title: 'Two processes (2 and 3 consumers) share the 5 partitions, one each; rebalance handlers log assigned and revoked partitions',
      hints: [
        'Members of one group share its partitions; when a member joins or leaves, the group rebalances: partitions are revoked, then assigned again. Every consumer of every process must use the same group id.',
        'kafkajs emits consumer.events.GROUP_JOIN (payload.memberAssignment: the partitions per topic) and consumer.events.REBALANCING; listen with consumer.on(event, listener).',
        'In logRebalances: consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => log(`${name}: partitions assigned: …`)) and consumer.on(consumer.events.REBALANCING, () => log(`${name}: partitions revoked: …`)).',
      ],
      slide,
    },
    {
      id: 'kill-and-restart',
      title: 'A process killed (SIGKILL) mid-consumption, then restarted: nothing lost (duplicates allowed, counted)',
      hints: [
        'A killed process commits nothing more: its group restarts from the last committed offsets. At-least-once: commit an offset only once its record is stored; a duplicate is allowed, a loss is not.',
        'Run with autoCommit: false and call consumer.commitOffsets yourself, after insertPosition has resolved.',
        'storeThenCommit: await insertPosition(…); then await consumer.commitOffsets([{ topic, partition, offset: offset + 1 }]). Never the other way round.',
      ],
      slide,
    },
    {
      id: 'broker-restart',
      title: 'A broker stopped mid-consumption and started again: nothing lost',
      hints: [
        'When a broker stops, its partitions get new leaders and the group may get a new coordinator; the client finds them again by itself. Nothing is lost if an error is never swallowed and no offset is committed before its insert.',
        'Let errors out of eachMessage: kafkajs then delivers the same record again. Keep commitOffsets after insertPosition.',
        'No try/catch around insertPosition in eachMessage, no commit before it: the same storeThenCommit as for kill-and-restart passes this task too.',
      ],
      slide,
    },
    {
      id: 'insert-fails-once',
      title: 'A record whose insert failed is stored after a restart (at-least-once, not at-most-once)',
      hints: [
        'At-least-once vs at-most-once: an offset committed before its record is stored loses the record for good if the process dies then. The database may refuse an insert: that record must still be stored, later.',
        'When insertPosition throws, let the error leave eachMessage: kafkajs does not commit, and delivers the record again (or the next run does).',
        "Do not catch the insert's error to go on, do not commit first: await insertPosition(…); await consumer.commitOffsets(…), in that order, nothing around them.",
      ],
      slide,
    },
  ],
});
