import kafkajs, { type Admin } from 'kafkajs';

// kafkajs is a CommonJS package: Node.js finds its ACL constants on the default export only.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

const alice = 'User:alice';

/** 9.3: alice may write to `topic`, and to no other (the authorizer denies what no ACL allows). */
export async function allowProduce(admin: Admin, topic: string): Promise<void> {
  await admin.createAcls({
    acl: [AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE].map((operation) => ({
      resourceType: AclResourceTypes.TOPIC,
      resourceName: topic,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: alice,
      host: '*',
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    })),
  });
}

/** 9.3: alice may read `topic` as a member of `group` (a consumer needs READ on both). */
export async function allowConsume(admin: Admin, topic: string, group: string): Promise<void> {
  await admin.createAcls({
    acl: [
      { resourceType: AclResourceTypes.TOPIC, resourceName: topic },
      { resourceType: AclResourceTypes.GROUP, resourceName: group },
    ].map((resource) => ({
      ...resource,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: alice,
      host: '*',
      operation: AclOperationTypes.READ,
      permissionType: AclPermissionTypes.ALLOW,
    })),
  });
}
