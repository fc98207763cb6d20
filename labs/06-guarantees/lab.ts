import { defineLab } from '@kafka-labs/tool/lab';

const slide = 'slides/decks/06-guarantees.md';

export default defineLab({
  title: 'Transactions, exactly-once and retention',
  services: ['kafka'],
  programs: {
    producer: 'src/transactional-producer.ts',
    transfer: 'src/transfer.ts',
  },
  reset: { topics: ['position', 'courier-distance'], groups: ['distance-transfer'] },
  tasks: [
    {
      id: 'transactions',
      title: 'The producer commits every 10 sends and leaves the last, incomplete transaction open: with 1 courier × 105 positions, read_committed sees 100, read_uncommitted 105',
      hint: 'In createTransactionalProducer: kafka.producer({ transactionalId: id, idempotent: true, maxInFlightRequests: 1 }). In sendInTransactions: transaction = await producer.transaction(), transaction.send(…) for each position, and every transactionSize sends await transaction.commit() and start a new one. Leave the last, incomplete transaction open (no commit, no abort).',
      slide,
    },
    {
      id: 'exactly-once-transfer',
      title: 'The transfer writes one distance per committed position (none for aborted ones) and commits its offsets only in its transactions',
      hint: 'In transferBatch: one producer.transaction() per batch; send a CourierDistance per position (distanceKm(ORIGIN, position)) to the output topic; transaction.sendOffsets({ consumerGroupId, topics: [{ topic, partitions: [{ partition, offset: lastOffset + 1 }] }] }); then transaction.commit() (abort on error). The consumer runs with autoCommit: false: the transaction commits its offsets.',
      slide,
    },
    {
      id: 'transfer-killed',
      title: 'Frozen with a transaction open, killed (SIGKILL) and restarted: each distance exactly once, the dead transaction aborted at once',
      hint: 'Consumed offsets must be committed by the same transaction as the records they produced (sendOffsets), never by the consumer; the transactionalId must stay the same across restarts so the new instance fences the dead one and aborts its open transaction; and the consumer must read with readUncommitted: false.',
      slide,
    },
    {
      id: 'retention',
      title: 'With 1 MB segments and a small retention.bytes, old segments are deleted: the earliest offset moves past 0',
      hint: 'In applySizeRetention: admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: "segment.bytes", value: String(SEGMENT_BYTES) }, { name: "retention.bytes", value: String(RETENTION_BYTES) }] }] }). logStartOffsets: admin.fetchTopicOffsets(topic) gives low (the first offset still stored) per partition.',
      slide,
    },
  ],
});
