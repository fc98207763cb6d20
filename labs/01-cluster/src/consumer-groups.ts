import { AssignerProtocol, type Admin } from 'kafkajs';
import { labKafka } from './client.js';

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  /** The partitions the group leader gave this member, per topic. */
  assignment: { topic: string; partitions: number[] }[];
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** The group's committed offset: the next record it will read. */
  committedOffset: number;
  /** The partition's end offset (high watermark). */
  endOffset: number;
  /** Records not read yet by the group: endOffset - committedOffset. */
  lag: number;
}

export interface GroupDescription {
  groupId: string;
  state: string;
  members: GroupMember[];
  lag: PartitionLag[];
}

/** `kafka-consumer-groups.sh --describe --group <groupId> --members --verbose`, and the lag per partition. */
export async function describeGroup(admin: Admin, groupId: string): Promise<GroupDescription> {
  // TODO: the group's state, its members with the partitions assigned to each (sorted), and for every partition
  // the group has committed, sorted by partition: committed offset, end offset and lag.
  throw new Error('TODO: describeGroup');
}

/** `pnpm lab 1 run consumer-groups -- [groupId]`: lists the groups, then describes one. */
export async function main(args: string[]): Promise<void> {
  const admin = labKafka('lab1-consumer-groups').admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
    console.log(`groups: ${groups.join(', ') || '(none)'}`);
    const groupId = args[0] ?? groups[0];
    if (!groupId) return;
    const group = await describeGroup(admin, groupId);
    console.log(`group ${group.groupId}: ${group.state}, ${group.members.length} member(s)`);
    for (const m of group.members) {
      console.log(`  ${m.clientId} ${m.host}: ${m.assignment.map((a) => `${a.topic} [${a.partitions.join(',')}]`).join(' ')}`);
    }
    for (const l of group.lag) console.log(`  ${l.topic}-${l.partition}  committed ${l.committedOffset}  end ${l.endOffset}  lag ${l.lag}`);
  } finally {
    await admin.disconnect();
  }
}
