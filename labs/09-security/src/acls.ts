import kafkajs, { type Admin } from 'kafkajs';

// kafkajs is a CommonJS package: Node.js finds its ACL constants on the default export only.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** 9.3: alice may write to `topic`, and to no other (the authorizer denies what no ACL allows). */
export async function allowProduce(admin: Admin, topic: string): Promise<void> {
  // TODO 9.3: the ACLs a producer needs on `topic`, for User:alice, from any host.
}

/** 9.3: alice may read `topic` as a member of `group`. */
export async function allowConsume(admin: Admin, topic: string, group: string): Promise<void> {
  // TODO 9.3: the ACLs a consumer of a group needs, for User:alice, from any host.
}
