import kafkajs from 'kafkajs';
import { allowConsume, allowProduce } from './acls.js';
import { secureKafka } from './client.js';
import { removeProducerQuota, setProducerQuota } from './quotas.js';

// kafkajs is a CommonJS package: Node.js finds its ACL constants on the default export only.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;
const ADMIN = { username: 'admin', password: 'admin-secret' };
const USAGE = 'pnpm lab 9 run admin -- allow [topic] [group] | quota <bytes per second> | quota remove';

/**
 * `pnpm lab 9 run admin -- …`, as admin (given, it calls your code):
 * - `allow [topic] [group]`: creates the topic (default position) if missing, runs allowProduce and allowConsume
 *   for alice (group default position-readers), and lists alice's ACLs;
 * - `quota <bytes per second>` / `quota remove`: setProducerQuota / removeProducerQuota for alice.
 */
export async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === 'allow') return allow(rest[0] ?? 'position', rest[1] ?? 'position-readers');
  if (command === 'quota' && rest[0] === 'remove') {
    await removeProducerQuota('alice');
    console.log('alice\'s producer quota removed');
    return;
  }
  if (command === 'quota' && Number(rest[0]) > 0) {
    await setProducerQuota('alice', Number(rest[0]));
    console.log(`alice may now produce ${rest[0]} bytes/s per broker: try \`pnpm lab 9 run producer -- 50\``);
    return;
  }
  throw new Error(`usage: ${USAGE}`);
}

async function allow(topic: string, group: string): Promise<void> {
  const admin = secureKafka('lab09-admin', ADMIN).admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }] });
    await allowProduce(admin, topic);
    await allowConsume(admin, topic, group);
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: 'User:alice',
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    console.log(`alice's ACLs (${topic}, group ${group}):`);
    for (const resource of resources.filter((r) => r.resourceName === topic || r.resourceName === group)) {
      for (const acl of resource.acls) {
        console.log(`  ${name(AclPermissionTypes, acl.permissionType)} ${name(AclOperationTypes, acl.operation)} on ${name(AclResourceTypes, resource.resourceType)} ${resource.resourceName} (${name(ResourcePatternTypes, resource.resourcePatternType)}) from ${acl.host}`);
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** kafkajs' ACL constants are plain objects: the name of a value. */
function name(constants: object, value: number): string {
  return Object.entries(constants).find(([, v]) => v === value)?.[0] ?? String(value);
}
