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
      hint: 'In createTestingTopic, call admin.createTopics({ topics: [{ topic, numPartitions: 5, replicationFactor: 2 }], waitForLeaders: false }) — the same as `pnpm kafka topics --create --topic testing --partitions 5 --replication-factor 2`.',
      slide,
    },
    {
      id: 'describe-topics',
      title: 'List the topics and describe the partitions of one: leader, replicas, ISR',
      hint: 'listTopics: admin.listTopics() without the names that start with "__" (internal topics). describeTopic: admin.fetchTopicMetadata({ topics: [topic] }) gives partitionId, leader, replicas and isr for each partition; sort partitions by id and the broker lists by number.',
      slide,
    },
    {
      id: 'produce-keyed',
      title: 'Produce key:value lines like the console producer with parse.key=true',
      hint: 'Split each line at its first ":" (the value may contain more), send the records with producer.send({ topic, messages: [{ key, value }, …] }). The default partitioner hashes the key: same key, same partition.',
      slide,
    },
    {
      id: 'consume-from-beginning',
      title: 'Consume from the beginning in a consumer group, and commit',
      hint: 'consumer.subscribe({ topic, fromBeginning: true }), then consumer.run({ eachMessage }) collecting `${key}:${value}` until maxMessages are read; consumer.disconnect() commits what was processed and leaves the group.',
      slide,
    },
    {
      id: 'describe-group',
      title: 'Describe a consumer group: members, assignments and lag',
      hint: 'admin.describeGroups([groupId]) gives the state and members; decode each member.memberAssignment with AssignerProtocol.MemberAssignment.decode (from kafkajs). Lag = end offset (admin.fetchTopicOffsets) − committed offset (admin.fetchOffsets({ groupId })).',
      slide,
    },
  ],
});
