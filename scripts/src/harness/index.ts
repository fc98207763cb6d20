export { bootstrapServers, uniqueName, stopBroker, startBroker, pollUntil } from './environment.js';
export { kafka, withAdmin, withLabAdmin, withProducer, createTopic, waitForTopic, describePartitions, topicExists, endOffsets, countRecords, waitForRecords, consumeAll, trackSends, followTopic, openTransactions, offsetCommits } from './kafka.js';
export type { ConsumedRecord, PartitionInfo, SendStats, FollowedTopic, OffsetCommit } from './kafka.js';
export { startProgram } from './program.js';
export type { RunningProgram } from './program.js';
export { postgresUrl, query, withPostgres } from './postgres.js';
