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
      hint: 'In startPositionConsumers, for each consumer: connect(), subscribe({ topic, fromBeginning: true }), then run({ eachMessage }) where eachMessage parses the position and calls insertPosition with the record\'s topic, partition and offset. In position-store.ts, insertPosition is one parameterized INSERT INTO processed_position (…) VALUES ($1, …).',
      slide,
    },
    {
      id: 'restart-same-group',
      title: 'Ctrl+C stops cleanly (last commits, group left); a restart in the same group loses nothing and repeats nothing',
      hint: 'On SIGINT, main calls running.stop(): consumer.disconnect() on every member leaves the group. Commit the offset of the next record to read (offset + 1) for every record stored, so a restart in the same group starts where the last run stopped.',
      slide,
    },
    {
      id: 'rebalance',
      title: 'Two processes (2 and 3 consumers) share the 5 partitions, one each; rebalance handlers log assigned and revoked partitions',
      hint: 'Every member must use the same groupId to share the partitions. In logRebalances, listen to consumer.events.GROUP_JOIN (payload.memberAssignment: the partitions assigned, per topic) and consumer.events.REBALANCING (kafkajs revokes every partition then), and log lines with "assigned" and "revoked".',
      slide,
    },
    {
      id: 'kill-and-restart',
      title: 'A process killed (SIGKILL) mid-consumption, then restarted: nothing lost (duplicates allowed, counted)',
      hint: 'A killed process commits nothing more: its group restarts from the last committed offsets. If records are missing, you committed offsets of records not yet stored: commit only after the insert (autoCommit: false and consumer.commitOffsets([{ topic, partition, offset: offset + 1 }]) after insertPosition).',
      slide,
    },
    {
      id: 'broker-restart',
      title: 'A broker stopped mid-consumption and started again: nothing lost',
      hint: 'kafkajs finds the new partition leaders and group coordinator by itself; do not swallow errors in eachMessage (let it throw so the record is delivered again) and do not commit before the insert succeeded.',
      slide,
    },
    {
      id: 'insert-fails-once',
      title: 'A record whose insert failed is stored after a restart (at-least-once, not at-most-once)',
      hint: 'An offset committed before its insert succeeded is a record lost when the process dies: commit after insertPosition, never before, and do not catch the insert\'s error to go on with the next record (let it out of eachMessage: kafkajs then retries the same record).',
      slide,
    },
  ],
});
