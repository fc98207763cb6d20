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
      hints: [
        'A transaction makes sends atomic: read_committed consumers see them only once committed. Each commit writes a marker into the partition (it takes an offset). The last, incomplete transaction stays open: no commit, no abort.',
        'kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 }); producer.transaction() begins one; transaction.send(…), transaction.commit().',
        'createTransactionalProducer: return kafka.producer({ transactionalId: id, idempotent: true, maxInFlightRequests: 1 }). sendInTransactions: transaction ??= await producer.transaction(); await transaction.send(…); report.leftOpen++; every size sends: await transaction.commit(), count it, transaction = undefined. After the loop, leave it.',
      ],
      slide,
    },
    {
      id: 'exactly-once-transfer',
      title: 'The transfer writes one distance per committed position (none for aborted ones) and commits its offsets only in its transactions',
      hints: [
        'Exactly-once consume-transform-produce: the output records and the consumed offsets go in one transaction; read the input with read_committed (it holds aborted transactions) and never let the consumer commit by itself.',
        'consumer.run({ autoCommit: false, eachBatch }) with readUncommitted: false; per batch: producer.transaction(), transaction.send(…), transaction.sendOffsets({ consumerGroupId, topics }), transaction.commit() (abort on error).',
        'In transferBatch: const transaction = await producer.transaction(); await transaction.send({ topic: outputTopic, messages }); await transaction.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) }] }] }); await transaction.commit(); catch: await transaction.abort() and rethrow.',
      ],
      slide,
    },
    {
      id: 'transfer-killed',
      title: 'Frozen with a transaction open, killed (SIGKILL) and restarted: each distance exactly once, the dead transaction aborted at once',
      hints: [
        'A transfer killed with a transaction open must leave no trace: its transaction is aborted, its offsets were never committed, and the restarted one fences it. That takes the same transactional id at every start.',
        "The producer's transactionalId comes from client.ts' transactionalId() and must not change between starts; offsets only through transaction.sendOffsets; the consumer with readUncommitted: false.",
        'Keep kafka.producer({ transactionalId: options.transactionalId, idempotent: true, maxInFlightRequests: 1 }) as given (no suffix, no random part), consumer.run({ autoCommit: false, … }), and the transferBatch of exactly-once-transfer.',
      ],
      slide,
    },
    {
      id: 'retention',
      title: 'With 1 MB segments and a small retention.bytes, old segments are deleted: the earliest offset moves past 0',
      hints: [
        'Retention deletes whole, closed segments once a partition holds more than retention.bytes; a segment closes when it reaches segment.bytes. Both are topic configurations.',
        "admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name, configEntries }] }); admin.fetchTopicOffsets(topic) gives each partition's low (first stored) offset.",
        "configEntries: [{ name: 'segment.bytes', value: String(SEGMENT_BYTES) }, { name: 'retention.bytes', value: String(RETENTION_BYTES) }]. logStartOffsets: new Map(offsets.map((o) => [o.partition, Number(o.low)])).",
      ],
      slide,
    },
  ],
});
