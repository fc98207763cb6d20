import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes, type Admin, type KafkaConfig, type logCreator as logCreatorType, type SASLOptions } from 'kafkajs';
import { EnvironmentError } from '../cli/errors.js';
import { kafkaCli } from '../course/kafka-cli.js';
import { createMissingTopics } from '../course/topics.js';
import { toEnv, type SecureEndpoints } from '../services/backend.js';
import { backend, labFolder, pollUntil } from './environment.js';
import { secureLabFiles } from '../services/secure-lab.js';

/** The workbook's users (kafka_server_jaas.conf, 9.2.1): the README gives them to the trainee. */
export const ADMIN = { username: 'admin', password: 'admin-secret' };
export const ALICE = { username: 'alice', password: 'alice-secret' };
export type Credentials = typeof ALICE;

let started: Promise<SecureEndpoints> | undefined;

/**
 * Workshop 9's secured cluster, started (or restarted) from the lab folder's config/ once per check file; its
 * addresses go to the environment, where the lab's code reads them. A cluster that does not start with the lab's
 * files is the lab's failure (the brokers' reason); one that cannot start for the machine's reasons (Java, a port
 * taken) stays an environment error.
 */
export function secureCluster(): Promise<SecureEndpoints> {
  started ??= (async () => {
    try {
      const endpoints = await (await backend()).startSecureCluster(labFolder(), () => {});
      Object.assign(process.env, toEnv({ secure: endpoints }));
      return endpoints;
    } catch (error) {
      const message = (error as Error).message;
      if (/^Kafka broker \d+ (cannot start|stopped while starting)|did not become ready|the Kafka cluster/.test(message) && !/is used by another program/.test(message)) {
        const files = secureLabFiles(labFolder());
        throw new Error(`the secured cluster does not start with ${path.relative(process.cwd(), files.brokerProperties)} and ${path.basename(files.jaas)}: ${message}`);
      }
      throw error instanceof EnvironmentError ? error : new EnvironmentError(message);
    }
  })();
  return started;
}

/** How a check's own client meets the TLS of a listener: trusting the lab's CA, trusting nothing, or without TLS. */
export type TlsMode = 'trust-ca' | 'no-ca' | 'plaintext';

/** A kafkajs client of the checks' own (quiet, few retries) on the secured cluster, as `credentials` or anonymous. */
export function secureKafka(endpoints: SecureEndpoints, { credentials, tlsMode = 'trust-ca', brokers = endpoints.bootstrapServers, logCreator, retries = 2 }: { credentials?: Credentials; tlsMode?: TlsMode; brokers?: string[]; logCreator?: KafkaConfig['logCreator']; retries?: number } = {}): Kafka {
  const config: KafkaConfig = {
    clientId: 'lab-check-security',
    brokers,
    logLevel: logCreator ? logLevel.DEBUG : logLevel.NOTHING,
    logCreator,
    connectionTimeout: 3000,
    authenticationTimeout: 3000,
    requestTimeout: 5000,
    retry: { retries, initialRetryTime: 100, maxRetryTime: 1000 },
  };
  if (tlsMode === 'trust-ca') config.ssl = { ca: [fs.readFileSync(endpoints.caFile, 'utf8')] };
  if (tlsMode === 'no-ca') config.ssl = true;
  if (credentials) config.sasl = { mechanism: 'plain', ...credentials } as SASLOptions;
  return new Kafka(config);
}

/** Runs `use` with an admin client logged in as the lab's admin (a super user once the lab is done). */
export async function withSecureAdmin<T>(endpoints: SecureEndpoints, use: (admin: Admin) => Promise<T>): Promise<T> {
  // The checks' own requests retry while a new topic's leaders are elected.
  const admin = secureKafka(endpoints, { credentials: ADMIN, retries: 3 }).admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`the lab's admin (admin / admin-secret, SASL/PLAIN over TLS trusting ssl/ca-cert.pem) cannot connect to the secured cluster, so this task cannot be tried yet (tls-listener and sasl-plain come first): ${describeKafkaError(error)}`);
  }
  try {
    return await use(admin);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Whether `kafka` may ask the cluster for its brokers (connecting alone only exchanges API versions): 'ok' or why not. */
export function describeClusterWith(kafka: Kafka): Promise<string> {
  return attempt(async () => {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
    } finally {
      await admin.disconnect().catch(() => {});
    }
  });
}

/** What a client saw: 'ok', or the error's name and message, so a check can expect a refusal of one kind. */
export async function attempt(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
    return 'ok';
  } catch (error) {
    return describeKafkaError(error);
  }
}

/** A kafkajs error in one line, with the broker's error code (TOPIC_AUTHORIZATION_FAILED, …) where there is one. */
export function describeKafkaError(error: unknown): string {
  const e = error as { name?: string; message?: string; type?: string; cause?: unknown; originalError?: unknown };
  const inner = (e.originalError ?? e.cause) as { type?: string; message?: string; name?: string } | undefined;
  const type = e.type ?? inner?.type;
  return [e.name, type, e.message, inner?.message && inner.message !== e.message ? inner.message : undefined].filter(Boolean).join(': ');
}

/** A TLS handshake with a listener: whether its certificate verifies for `servername` against `ca` (or the system's CAs). */
export function tlsHandshake(address: string, { ca, servername = 'localhost' }: { ca?: string; servername?: string }): Promise<string> {
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, servername, ca: ca ? [fs.readFileSync(ca, 'utf8')] : undefined, timeout: 3000 });
    const done = (result: string) => {
      socket.destroy();
      resolve(result);
    };
    socket.once('secureConnect', () => done(socket.authorized ? 'verified' : `not verified: ${socket.authorizationError}`));
    socket.once('error', (error) => done(`refused: ${error.message}`));
    socket.once('timeout', () => done('refused: no TLS handshake in 3 s'));
  });
}

/** A topic of the secured cluster, created by the lab's admin, on every broker (replication factor 3), led by broker 0. */
export async function createSecureTopic(endpoints: SecureEndpoints, topic: string): Promise<string> {
  // Every check topic is led by broker 0: an ACL alice is seen to use there is in force for all of them (each
  // broker's authorizer receives a new ACL at its own pace).
  await withSecureAdmin(endpoints, (admin) => createMissingTopics(admin, [{ topic, replicaAssignment: [{ partition: 0, replicas: [0, 1, 2] }] }]));
  return topic;
}

/** One record sent by `kafka`'s producer (acks from every in-sync replica): 'ok' or why not. */
export function sendOne(kafka: Kafka, topic: string, value = 'position'): Promise<string> {
  return attempt(async () => {
    // A refusal is final at once; a leader a broker does not know yet is worth a few retries.
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 500 } });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [{ key: 'courier-1', value }] });
    } finally {
      await producer.disconnect();
    }
  });
}

/**
 * Reads `count` records of `topic` from the beginning as `credentials`, a member of `group`: 'ok', or the refusal
 * (a topic or group ACL missing) or what it read by the deadline.
 */
export async function consumeAs(endpoints: SecureEndpoints, credentials: Credentials, topic: string, group: string, count: number, timeoutMs = 10_000): Promise<string> {
  // kafkajs turns a refused FindCoordinator into "Failed to find group coordinator"; its debug log keeps the reason.
  const refusals = new Set<string>();
  const logCreator: logCreatorType = () => ({ log }) => {
    const type = (log.error as { type?: string } | undefined)?.type ?? (log as { type?: string }).type;
    if (typeof type === 'string' && type.endsWith('AUTHORIZATION_FAILED')) refusals.add(type);
  };
  // A short session: a member an earlier try left behind (refused halfway) holds up the group's next join only that long.
  const consumer = secureKafka(endpoints, { credentials, logCreator }).consumer({ groupId: group, maxWaitTimeInMs: 500, sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 500, retry: { retries: 0 } });
  let read = 0;
  try {
    const result = await attempt(async () => {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`read ${read} of ${count} records in ${timeoutMs / 1000} s`)), timeoutMs);
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          clearTimeout(timer);
          reject(payload.error);
        });
        void consumer.run({
          eachMessage: async () => {
            if (++read >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        }).catch(reject);
      });
    });
    return result === 'ok' || refusals.size === 0 ? result : `${result} (${[...refusals].join(', ')})`;
  } finally {
    await consumer.disconnect().catch(() => {});
  }
}

/**
 * Removes `user`'s producer quota with the checks' own admin login: a wrong removeProducerQuota must not leave
 * alice throttled for every later run.
 */
export async function removeQuotaAsAdmin(endpoints: SecureEndpoints, user: string): Promise<void> {
  const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lab09-admin-')), 'admin.properties');
  fs.writeFileSync(config, [
    'security.protocol=SASL_SSL',
    'sasl.mechanism=PLAIN',
    `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${ADMIN.username}" password="${ADMIN.password}";`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${endpoints.caFile}`,
    'request.timeout.ms=3000',
    'default.api.timeout.ms=5000',
  ].join('\n'));
  await kafkaCli('configs', ['--bootstrap-server', endpoints.bootstrapServers.join(','), '--command-config', config, '--alter', '--delete-config', 'producer_byte_rate', '--entity-type', 'users', '--entity-name', user], { timeoutMs: 15_000 }).catch(() => {});
}

/**
 * After a check file: deletes the topics its checks created on the secured cluster and the ACLs on them (or on
 * names starting like them: a wrong PREFIXED grant), so the trainee's `run admin` lists only their own.
 */
export async function deleteSecureNames(endpoints: SecureEndpoints, names: Set<string>): Promise<void> {
  if (names.size === 0) return;
  const ours = (name: string) => [...names].some((n) => name === n || name.startsWith(`${n}-`) || n.startsWith(name));
  await withSecureAdmin(endpoints, async (admin) => {
    const topics = (await admin.listTopics()).filter(ours);
    if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
    const { resources } = await admin.describeAcls({ resourceType: AclResourceTypes.ANY, resourcePatternType: ResourcePatternTypes.ANY, operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY });
    const filters = resources.filter((r) => ours(r.resourceName)).map((r) => ({
      resourceType: r.resourceType, resourceName: r.resourceName, resourcePatternType: r.resourcePatternType,
      operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY,
    }));
    if (filters.length) await admin.deleteAcls({ filters });
  }).catch(() => {});
}
