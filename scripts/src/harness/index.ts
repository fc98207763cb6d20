/// <reference path="./program-import.d.ts" />
export { bootstrapServers, labFolder, uniqueName, stopBroker, startBroker, pollUntil } from './environment.js';
export { kafka, withAdmin, withLabAdmin, withProducer, createTopic, waitForTopic, describePartitions, topicExists, endOffsets, committedOffsets, countRecords, waitForRecords, consumeAll, trackSends } from './kafka.js';
export { followTopic, openTransactions, offsetCommits } from './transactions.js';
export type { ConsumedRecord, PartitionInfo, SendStats } from './kafka.js';
export type { FollowedTopic, OffsetCommit } from './transactions.js';
export { killWhenDone, startProgram } from './program.js';
export type { LabProgram, RunningProgram } from './program.js';
export { positionRecord } from './positions.js';
export { postgresUrl, query, withPostgres } from './postgres.js';
export { registryClient, registryUrl, subjectVersion, subjectVersions } from './registry.js';
export { ADMIN, ALICE, attempt, consumeAs, createSecureTopic, describeClusterWith, describeKafkaError, removeQuotaAsAdmin, secureCluster, secureKafka, sendOne, tlsHandshake, withSecureAdmin } from './secure.js';
export type { Credentials, TlsMode } from './secure.js';
export type { SecureEndpoints } from '../services/backend.js';
export { alertingRules, applyLabMonitoring, dashboardPanels, loadedScrapeJobs, metricsPort, parseExposition, prometheus, promQuery, promQueryRange, provisionedDatasourceUids, scrape, scrapeTargets, withGrafanaVariables } from './monitoring.js';
export type { Alert, DashboardPanel, Sample, ScrapeTarget } from './monitoring.js';
export { connectorStatus, connectRequest, connectUrl, elasticsearch, elasticsearchUrl, indexedDocuments, labConnector, putConnector, waitForConnectorState, waitForDocuments } from './connect.js';
export type { ConnectorDefinition, ConnectorStatus, IndexedDocument } from './connect.js';
