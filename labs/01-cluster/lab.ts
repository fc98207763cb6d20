import { defineLab } from '@kafka-labs/tool/lab';

const slide = 'slides/decks/01-cluster.md';

export default defineLab({
  title: 'The cluster and its tools',
  services: ['kafka'],
  programs: {
    topics: 'src/topics.ts',
    'console-producer': 'src/console-producer.ts',
    'console-consumer': 'src/console-consumer.ts',
    'consumer-groups': 'src/consumer-groups.ts',
  },
  reset: { topics: ['testing'], groups: ['lab1-console-consumer'] },
  tasks: [
    {
      id: 'create-topic',
      title: 'Create the topic testing: 5 partitions, replication factor 2',
      hints: [
        "A topic is split into partitions, and each partition is copied on `replication factor` brokers: this one needs 5 partitions on 2 brokers each. Creating topics is the admin client's job (the slides: topics, partitions, replicas).",
        "kafkajs' Admin has createTopics({ topics: [ITopicConfig], waitForLeaders }): an ITopicConfig names the topic, its numPartitions and its replicationFactor.",
        'admin.createTopics({ topics: [{ topic, numPartitions: 5, replicationFactor: 2 }], waitForLeaders: false }), the same as `pnpm kafka topics --create --topic testing --partitions 5 --replication-factor 2`.',
      ],
      slide,
    },
    {
      id: 'describe-topics',
      title: 'List the topics and describe the partitions of one: leader, replicas, ISR',
      hints: [
        '`kafka-topics --describe` shows, for each partition, its leader (the broker that serves it), its replicas and its in-sync replicas (ISR). Internal topics start with "__" and are not listed.',
        "admin.listTopics() gives every topic name; admin.fetchTopicMetadata({ topics: [topic] }) gives each partition's partitionId, leader, replicas and isr.",
        "listTopics: (await admin.listTopics()).filter((t) => !t.startsWith('__')). describeTopic: map each partition to { partition: partitionId, leader, replicas, isr }, sort partitions by id and each broker list with (a, b) => a - b.",
      ],
      slide,
    },
    {
      id: 'produce-keyed',
      title: 'Produce key:value lines like the console producer with parse.key=true',
      hints: [
        'The console producer with parse.key=true turns each line `key:value` into a record with that key: the key picks the partition, so one key always lands on one partition, in order.',
        "producer.send({ topic, messages }) takes an array of { key, value }. Split each line at its first ':' only: the value may hold more of them.",
        "const i = line.indexOf(':'); messages.push({ key: line.slice(0, i), value: line.slice(i + 1) }); then one await producer.send({ topic, messages }) and return messages.length.",
      ],
      slide,
    },
    {
      id: 'consume-from-beginning',
      title: 'Consume from the beginning in a consumer group, and commit',
      hints: [
        'A new consumer group has no committed offset: it starts at the end of each partition unless told to start at the beginning (`--from-beginning`). Its committed offsets say where it will resume.',
        'consumer.subscribe({ topic, fromBeginning: true }), then consumer.run({ eachMessage }); consumer.disconnect() commits what was processed and leaves the group.',
        'In eachMessage push `${message.key}:${message.value}` and resolve a promise once maxMessages lines are read; await it, then await consumer.disconnect() (in finally) and return the lines.',
      ],
      slide,
    },
    {
      id: 'describe-group',
      title: 'Describe a consumer group: members, assignments and lag',
      hints: [
        "`kafka-consumer-groups --describe` shows a group's members, the partitions assigned to each, and the lag of each partition: its end offset minus the group's committed offset.",
        "admin.describeGroups([groupId]) gives the state and the members; AssignerProtocol.MemberAssignment.decode(member.memberAssignment) gives a member's partitions; admin.fetchTopicOffsets and admin.fetchOffsets({ groupId, topics }) give end and committed offsets.",
        'For each partition: lag = Number(high of fetchTopicOffsets) − Number(offset of fetchOffsets) (a committed offset of -1 means nothing committed: lag = end). Members: decode each assignment and list its partitions per topic, sorted.',
      ],
      slide,
    },
  ],
});
