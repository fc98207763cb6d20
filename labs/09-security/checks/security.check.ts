import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type Admin, type logCreator } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kafkaCli } from '@kafka-labs/tool/kafka-cli';
import { ADMIN, ALICE, attempt, consumeAs, createSecureTopic, describeClusterWith, pollUntil, removeQuotaAsAdmin, secureCluster, secureKafka, sendOne, tlsHandshake, uniqueName, withSecureAdmin, type SecureEndpoints } from '@kafka-labs/tool/harness';
import { secureKafka as labKafka } from '#lab/client';
import { allowConsume, allowProduce } from '#lab/acls';
import { removeProducerQuota, setProducerQuota } from '#lab/quotas';

// One secured cluster, started from the lab's config/. The tasks use topics of their own and run side by side,
// but the quota's, last and alone: it slows alice down.
let cluster: SecureEndpoints;
beforeAll(async () => {
  cluster = await secureCluster();
});

const refused = /SASL|[Aa]uthentication|Connection|ECONNRESET|closed|timeout|Timeout|TLS|SSL/;
const AUTHORIZATION_FAILED = /AUTHORIZATION_FAILED|not authorized|Not authorized/;

/** alice's own ACL, granted by the checks where a task needs alice allowed somewhere. */
async function allowAliceToWrite(topic: string): Promise<void> {
  await withSecureAdmin(cluster, (admin) => admin.createAcls({
    acl: [AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE].map((operation) => ({ resourceType: AclResourceTypes.TOPIC, resourceName: topic, resourcePatternType: ResourcePatternTypes.LITERAL, principal: 'User:alice', host: '*', operation, permissionType: AclPermissionTypes.ALLOW })),
  }));
}

/** A new ACL reaches every broker's authorizer a moment after the controller accepted it. */
const untilOk = (action: () => Promise<string>) => pollUntil(action, (result) => result === 'ok', { timeoutMs: 8000, intervalMs: 300 });

describe.concurrent('tls-listener', () => {
  it('every broker\'s EXTERNAL listener shows a certificate of the lab\'s CA, valid for localhost', async () => {
    for (const broker of cluster.bootstrapServers) {
      expect(await tlsHandshake(broker, { ca: cluster.caFile }), `a TLS handshake with ${broker}, trusting ssl/ca-cert.pem, for the name localhost`).toBe('verified');
    }
  });

  it('a client that does not trust the lab\'s CA is refused, and so is a plaintext client', async () => {
    const broker = cluster.bootstrapServers[0]!;
    expect(await tlsHandshake(broker, {}), `a TLS handshake with ${broker} trusting only the system's CAs`).toMatch(/^refused|^not verified/);
    const plaintext = await describeClusterWith(secureKafka(cluster, { tlsMode: 'plaintext', credentials: ALICE }));
    expect(plaintext, 'a plaintext client (no TLS) on the EXTERNAL listener').not.toBe('ok');
  });
});

describe.concurrent('sasl-plain', () => {
  it('admin and alice log in over SASL/PLAIN with the passwords of kafka_server_jaas.conf', async () => {
    for (const credentials of [ADMIN, ALICE]) {
      const result = await describeClusterWith(secureKafka(cluster, { credentials }));
      expect(result, `${credentials.username} / ${credentials.password} over SASL_SSL`).toBe('ok');
    }
  });

  it('a wrong password, an unknown user and a client without a login are refused', async () => {
    const attempts = {
      'alice with a wrong password': { username: 'alice', password: 'not-her-password' },
      'an unknown user (mallory)': { username: 'mallory', password: 'alice-secret' },
      'no SASL login at all': undefined,
    };
    for (const [who, credentials] of Object.entries(attempts)) {
      const result = await describeClusterWith(secureKafka(cluster, { credentials }));
      expect(result, who).toMatch(refused);
    }
  });
});

describe.concurrent('inter-broker', () => {
  it('the brokers replicate a topic between them (they log in to each other as admin)', async () => {
    const topic = await createSecureTopic(cluster, uniqueName('replicated'));
    expect(await sendOne(secureKafka(cluster, { credentials: ADMIN }), topic), 'a record written with acks from all in-sync replicas').toBe('ok');
    const isr = await pollUntil(
      () => withSecureAdmin(cluster, async (admin) => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions[0]!.isr),
      (replicas) => replicas.length === 3,
      { timeoutMs: 10_000 },
    );
    expect(isr.length, `in-sync replicas of ${topic}`).toBe(3);
  });

  it('the INTERNAL listeners take no client without a login', async () => {
    // Published on 127.0.0.1 by both backends (docker/secure/compose.yaml: 9195–9197).
    for (const broker of cluster.internal) {
      for (const tlsMode of ['plaintext', 'no-ca'] as const) {
        const result = await describeClusterWith(secureKafka(cluster, { tlsMode, brokers: [broker] }));
        expect(result, `an anonymous client (${tlsMode === 'plaintext' ? 'plaintext' : 'TLS'}) asking ${broker} (INTERNAL) for metadata`).not.toBe('ok');
      }
    }
  });

  it('the CONTROLLER listeners take no client without a login (no User:ANONYMOUS super user)', async () => {
    const controller = cluster.controllers[0];
    if (!controller) return; // an external cluster may not publish its controllers (the local and docker backends do).
    const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lab09-')), 'anonymous.properties');
    fs.writeFileSync(config, 'request.timeout.ms=1500\ndefault.api.timeout.ms=2000\nsocket.connection.setup.timeout.ms=1000\n');
    const result = await attempt(() => kafkaCli('metadata-quorum', ['--bootstrap-controller', controller, '--command-config', config, 'describe', '--status'], { timeoutMs: 30_000 }));
    expect(result, `an anonymous kafka-metadata-quorum --bootstrap-controller ${controller} describe --status`).not.toBe('ok');
  });
});

describe.concurrent('client-config', () => {
  it('src/client.ts logs in as alice: she writes where her ACLs allow, and is refused elsewhere', async () => {
    const [allowed, other] = [await createSecureTopic(cluster, uniqueName('alice-allowed')), await createSecureTopic(cluster, uniqueName('alice-not-allowed'))];
    await allowAliceToWrite(allowed);
    expect(await untilOk(() => sendOne(labKafka('lab-check'), allowed)), `secureKafka() writing to ${allowed}, where alice may write`).toBe('ok');
    expect(await sendOne(labKafka('lab-check'), other), `secureKafka() writing to ${other}, where alice has no ACL (a client logged in as admin, or brokers that authorize nothing, would write)`).toMatch(AUTHORIZATION_FAILED);
  });

  it('secureKafka(clientId, user) logs in as the user it is given', async () => {
    const result = await describeClusterWith(labKafka('lab-check', { username: 'alice', password: 'not-her-password' }));
    expect(result, 'secureKafka(clientId, { username: "alice", password: "not-her-password" })').toMatch(refused);
  });
});

describe.concurrent('acl-produce', () => {
  it('alice is refused a topic until allowProduce(admin, topic), then writes to it', async () => {
    const topic = await createSecureTopic(cluster, uniqueName('acl-produce'));
    const alice = secureKafka(cluster, { credentials: ALICE });
    expect(await sendOne(alice, topic), `alice writing to ${topic} before allowProduce (the brokers must authorize every request)`).toMatch(AUTHORIZATION_FAILED);
    await withSecureAdmin(cluster, (admin) => allowProduce(admin, topic));
    expect(await untilOk(() => sendOne(alice, topic)), `alice writing to ${topic} after allowProduce`).toBe('ok');
  });

  it('allowProduce(admin, topic) allows that topic only, and writing only', async () => {
    const topic = await createSecureTopic(cluster, uniqueName('acl-produce'));
    const [prefixed, other] = [await createSecureTopic(cluster, `${topic}-other`), await createSecureTopic(cluster, uniqueName('acl-other'))];
    await withSecureAdmin(cluster, (admin) => allowProduce(admin, topic));
    const alice = secureKafka(cluster, { credentials: ALICE });
    expect(await untilOk(() => sendOne(alice, topic)), `alice writing to ${topic}`).toBe('ok');
    expect(await sendOne(alice, prefixed), `alice writing to ${prefixed} (a name starting like the allowed topic)`).toMatch(AUTHORIZATION_FAILED);
    expect(await sendOne(alice, other), `alice writing to ${other}`).toMatch(AUTHORIZATION_FAILED);
    expect(await consumeAs(cluster, ALICE, topic, uniqueName('reader'), 1, 5000), `alice reading ${topic} (writing does not allow reading)`).toMatch(AUTHORIZATION_FAILED);
  });
});

describe.concurrent('acl-consume', () => {
  it('alice reads a topic with her group only after allowConsume(admin, topic, group), and not with another group', async () => {
    const topic = await createSecureTopic(cluster, uniqueName('acl-consume'));
    const [group, otherGroup] = [uniqueName('alice-readers'), uniqueName('other-readers')];
    for (const i of [1, 2, 3]) expect(await sendOne(secureKafka(cluster, { credentials: ADMIN }), topic, `position ${i}`), `admin writing record ${i} to ${topic}`).toBe('ok');
    expect(await consumeAs(cluster, ALICE, topic, group, 3, 5000), `alice reading ${topic} with group ${group} before allowConsume`).toMatch(AUTHORIZATION_FAILED);
    await withSecureAdmin(cluster, (admin: Admin) => allowConsume(admin, topic, group));
    // The group's coordinator may be a broker whose authorizer receives the new ACLs a moment later: a consumer
    // refused then stays refused, so each try is a new consumer.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const read = await pollUntil(() => consumeAs(cluster, ALICE, topic, group, 3, 8000), (result) => result === 'ok', { timeoutMs: 25_000, intervalMs: 300 });
    expect(read, `alice reading the 3 records of ${topic} with group ${group} after allowConsume`).toBe('ok');
    expect(await consumeAs(cluster, ALICE, topic, otherGroup, 3, 5000), `alice reading ${topic} with group ${otherGroup}, which no ACL allows`).toMatch(AUTHORIZATION_FAILED);
  });
});

describe('quota', () => {
  // The secured cluster measures quotas over 2 windows of 1 s (quota.window.num, quota.window.size.seconds), so
  // 128 KiB at 32 KiB/s take about 4 s; Kafka's default (11 windows) would let the first 320 KiB through unthrottled.
  const QUOTA = 32 * 1024;
  const RECORD = 4 * 1024;
  const RECORDS = 32;

  /** alice writes RECORDS records of RECORD bytes one after the other: her rate, and the throttling the brokers reported. */
  async function aliceWrites(topic: string): Promise<{ bytesPerSecond: number; throttledMs: number }> {
    let throttledMs = 0;
    const logCreator: logCreator = () => ({ log }) => {
      const match = /Client side throttling in effect for (\d+)ms/.exec(log.message);
      if (match) throttledMs += Number(match[1]);
    };
    const producer = secureKafka(cluster, { credentials: ALICE, logCreator }).producer();
    await producer.connect();
    try {
      const value = 'x'.repeat(RECORD);
      const start = Date.now();
      for (let i = 0; i < RECORDS; i++) await producer.send({ topic, acks: -1, messages: [{ key: 'courier-1', value }] });
      return { bytesPerSecond: (RECORDS * RECORD) / ((Date.now() - start) / 1000), throttledMs };
    } finally {
      await producer.disconnect();
    }
  }

  it(`setProducerQuota('alice', ${QUOTA}) throttles alice near ${QUOTA} bytes/s, and removeProducerQuota('alice') lifts it`, async () => {
    const topic = await createSecureTopic(cluster, uniqueName('quota'));
    // A quota an earlier run left on alice (a removeProducerQuota that did nothing) would pass for this one's.
    await removeQuotaAsAdmin(cluster, 'alice');
    await allowAliceToWrite(topic);
    await untilOk(() => sendOne(secureKafka(cluster, { credentials: ALICE }), topic));
    await setProducerQuota('alice', QUOTA);
    let removal: unknown;
    try {
      // The brokers apply a new quota a moment after the controller accepted it: write until they throttle, then
      // measure a run of writes with the quota in force.
      await pollUntil(() => aliceWrites(topic), (rate) => rate.throttledMs > 0, { timeoutMs: 8000, intervalMs: 200 });
      const throttled = await aliceWrites(topic);
      console.log(`quota: alice wrote ${Math.round(throttled.bytesPerSecond)} bytes/s with the quota (${throttled.throttledMs} ms of throttling reported)`);
      expect(throttled.throttledMs, 'milliseconds of throttling the brokers reported to alice\'s producer').toBeGreaterThan(0);
      expect(throttled.bytesPerSecond, `alice's rate in bytes/s with a quota of ${QUOTA}`).toBeLessThan(2 * QUOTA);
    } finally {
      // Removed whatever happened above, without hiding why it failed.
      removal = await removeProducerQuota('alice').then(() => undefined, (error: unknown) => error);
    }
    if (removal) throw removal;
    // The brokers apply a removed quota a moment after the controller accepted it.
    const free = await pollUntil(() => aliceWrites(topic), (rate) => rate.throttledMs === 0, { timeoutMs: 10_000, intervalMs: 500 });
    if (free.throttledMs > 0) await removeQuotaAsAdmin(cluster, 'alice');
    console.log(`quota: alice wrote ${Math.round(free.bytesPerSecond)} bytes/s once it was removed`);
    expect(free.throttledMs, 'milliseconds of throttling reported once the quota was removed').toBe(0);
    expect(free.bytesPerSecond, 'alice\'s rate in bytes/s once the quota was removed').toBeGreaterThan(4 * QUOTA);
  });
});
