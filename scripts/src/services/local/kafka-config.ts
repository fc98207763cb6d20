/** The properties of one combined KRaft node (broker + controller) of the local cluster. */
export interface KafkaNodeConfig {
  id: number;
  port: number;
  controllerPort: number;
  internalPort: number;
  logDir: string;
  /** Every controller of the quorum, as `id@host:port`. */
  voters: string[];
  clusterSize: number;
}

export function kafkaNodeProperties(node: KafkaNodeConfig): string {
  return toProperties({
    'process.roles': 'broker,controller',
    'node.id': node.id,
    'controller.quorum.voters': node.voters.join(','),
    listeners: `PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${node.port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': node.logDir,
    ...laptopSettings(node.clusterSize),
  });
}

/**
 * A node of workshop 9's secured cluster: the tool gives the listeners (EXTERNAL for clients, INTERNAL between
 * brokers, CONTROLLER for the quorum) and the TLS files; the lab's own config/broker.properties, appended last,
 * says how each listener is secured.
 */
export function secureNodeProperties(node: KafkaNodeConfig, tls: { keystoreFile: string; caFile: string }, labProperties: string): string {
  const given = toProperties({
    'process.roles': 'broker,controller',
    'node.id': node.id,
    'controller.quorum.voters': node.voters.join(','),
    listeners: `EXTERNAL://127.0.0.1:${node.port},INTERNAL://127.0.0.1:${node.internalPort},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    'advertised.listeners': `EXTERNAL://127.0.0.1:${node.port},INTERNAL://127.0.0.1:${node.internalPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'INTERNAL',
    'log.dirs': node.logDir,
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.location': tls.keystoreFile,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': tls.caFile,
    // Quotas measured over 2 s instead of 11: throttling shows after a burst of seconds, not of a minute.
    'quota.window.num': 2,
    'quota.window.size.seconds': 1,
    ...laptopSettings(node.clusterSize),
  });
  return `${given}\n# config/broker.properties of the lab\n${labProperties}\n`;
}

function toProperties(props: Record<string, string | number>): string {
  return Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}

function laptopSettings(clusterSize: number): Record<string, string | number> {
  const replicas = Math.min(3, clusterSize);
  return {
    'num.partitions': 1,
    'auto.create.topics.enable': 'true',
    // Internal topics must fit the cluster, or consumer groups and transactions never get a coordinator.
    'offsets.topic.replication.factor': replicas,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': replicas,
    'transaction.state.log.min.isr': Math.min(2, replicas),
    'transaction.state.log.num.partitions': 10,
    // A quorum of three on one laptop: elect the first controller and unfence the brokers in well under a
    // second instead of Kafka's data-centre defaults (1 s election timeout and back-off, 2 s heartbeats).
    'controller.quorum.election.timeout.ms': 300,
    'controller.quorum.election.backoff.max.ms': 300,
    'broker.heartbeat.interval.ms': 500,
    // Consumers join a new group at once instead of waiting 3 s for more members.
    'group.initial.rebalance.delay.ms': 0,
    // Leaders move only when a broker stops. Kafka's periodic rebalance (every 300 s) would move them back to a
    // restarted broker at any moment, in the middle of another lab's checks, and kafkajs' transactional producer
    // does not look for a moved transaction coordinator (NOT_COORDINATOR fails the trainee's correct code).
    'auto.leader.rebalance.enable': 'false',
    // Retention runs every 10 s so the retention exercise shows deleted segments quickly.
    'log.retention.check.interval.ms': 10_000,
    // A small laptop-sized broker.
    'num.network.threads': 2,
    'num.io.threads': 4,
    'background.threads': 2,
    'num.recovery.threads.per.data.dir': 1,
    'log.cleaner.threads': 1,
  };
}

export const kafkaLog4jProperties = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.org.apache.kafka=WARN
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.kafka.controller=WARN
log4j.logger.kafka.coordinator=INFO
`;
