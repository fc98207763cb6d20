import { defineLab } from '@kafka-labs/tool/lab';

const slide = 'slides/decks/09-security.md';

export default defineLab({
  title: 'Security: TLS, SASL/PLAIN, ACLs and quotas',
  services: ['secure'],
  programs: {
    producer: 'src/producer.ts',
    admin: 'src/admin.ts',
  },
  tasks: [
    {
      id: 'tls-listener',
      title: 'config/broker.properties: the EXTERNAL listener speaks TLS with the lab\'s certificate (ssl/, valid for localhost); plaintext clients and clients that do not trust the lab\'s CA are refused',
      hints: [
        'A listener\'s protocol comes from listener.security.protocol.map: SSL and SASL_SSL encrypt with TLS, PLAINTEXT and SASL_PLAINTEXT do not (the slides: security protocols). The keystore (the brokers\' key and certificate) is already given to every node.',
        'Map EXTERNAL to a protocol with TLS. Since clients will also log in (9.2), SASL_SSL is the one the lab ends with; check it with `openssl s_client -connect 127.0.0.1:19542 -CAfile labs/09-security/ssl/ca-cert.pem`.',
        'listener.security.protocol.map=EXTERNAL:SASL_SSL,… (keep INTERNAL and CONTROLLER in the map too).',
      ],
      slide,
    },
    {
      id: 'sasl-plain',
      title: 'config/kafka_server_jaas.conf: admin (admin-secret) and alice (alice-secret) log in with SASL/PLAIN; a wrong password, an unknown user and a client without a login are refused',
      hints: [
        'SASL/PLAIN checks a user name and a password against the users the brokers know. With the PlainLoginModule, the brokers\' JAAS file lists them as user_<name>="<password>" (the workbook, 9.2.1).',
        'A KafkaServer { org.apache.kafka.common.security.plain.PlainLoginModule required …; }; section with user_admin and user_alice, and sasl.enabled.mechanisms=PLAIN in broker.properties for a SASL_SSL EXTERNAL listener.',
        'KafkaServer { org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret" user_admin="admin-secret" user_alice="alice-secret"; };',
      ],
      slide,
    },
    {
      id: 'inter-broker',
      title: 'Brokers log in to each other (INTERNAL) and to the controllers (CONTROLLER) as admin, so no listener takes a client without a login, and replication works',
      hints: [
        'A PLAINTEXT listener lets anybody in as User:ANONYMOUS. Making ANONYMOUS a super user so the brokers keep working opens the cluster to anyone who reaches that port: the brokers must log in like any client (the workbook, 9.2.1).',
        'SASL on INTERNAL and CONTROLLER too (SASL_PLAINTEXT is enough inside), with sasl.mechanism.inter.broker.protocol and sasl.mechanism.controller.protocol; the brokers log in with the username and password of the JAAS file\'s KafkaServer section.',
        'listener.security.protocol.map=EXTERNAL:SASL_SSL,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT, sasl.mechanism.inter.broker.protocol=PLAIN, sasl.mechanism.controller.protocol=PLAIN, and username="admin" password="admin-secret" in KafkaServer.',
      ],
      slide,
    },
    {
      id: 'client-config',
      title: 'src/client.ts: secureKafka(clientId, user) trusts the lab\'s CA and logs in as user (alice by default) with SASL/PLAIN; alice is refused where no ACL allows her',
      hints: [
        'A client of a SASL_SSL listener needs two things: to trust the CA that signed the brokers\' certificate, and a SASL login (the slides: SASL from kafkajs). alice is no super user: once the brokers authorize requests (9.3), she may do only what ACLs allow.',
        'kafkajs takes ssl: { ca: [pemText] } (read the file KAFKA_SSL_CA_LOCATION names) and sasl: { mechanism: \'plain\', username, password }. The authorizer of a KRaft cluster is org.apache.kafka.metadata.authorizer.StandardAuthorizer.',
        'ssl: { ca: [fs.readFileSync(process.env.KAFKA_SSL_CA_LOCATION!, \'utf8\')] }, sasl: { mechanism: \'plain\', username: user.username, password: user.password }; in broker.properties authorizer.class.name=…StandardAuthorizer, super.users=User:admin, allow.everyone.if.no.acl.found=false.',
      ],
      slide,
    },
    {
      id: 'acl-produce',
      title: 'src/acls.ts: allowProduce(admin, topic) lets alice write to that topic only (not to a topic whose name merely starts the same), and not read it',
      hints: [
        'An ACL is a principal (User:alice), a resource (a topic, a group, the cluster) with a pattern (LITERAL or PREFIXED), an operation and ALLOW or DENY (the slides: what an ACL is made of). A producer needs WRITE (and DESCRIBE) on its topic.',
        'admin.createAcls({ acl: [...] }) with kafkajs\' AclResourceTypes.TOPIC, ResourcePatternTypes.LITERAL, AclOperationTypes.WRITE and DESCRIBE, AclPermissionTypes.ALLOW, principal \'User:alice\', host \'*\'.',
        'await admin.createAcls({ acl: [AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE].map((operation) => ({ resourceType: AclResourceTypes.TOPIC, resourceName: topic, resourcePatternType: ResourcePatternTypes.LITERAL, principal: \'User:alice\', host: \'*\', operation, permissionType: AclPermissionTypes.ALLOW })) }).',
      ],
      slide,
    },
    {
      id: 'acl-consume',
      title: 'src/acls.ts: allowConsume(admin, topic, group) lets alice read the topic as a member of that group, and of no other group',
      hints: [
        'A consumer of a group needs READ on the topic and READ on its consumer group: the group coordinator checks the group, the partition leaders check the topic (the slides: what each client needs).',
        'Two ACLs with AclOperationTypes.READ: one on AclResourceTypes.TOPIC `topic`, one on AclResourceTypes.GROUP `group`, both LITERAL, for User:alice.',
        'await admin.createAcls({ acl: [{ resourceType: AclResourceTypes.TOPIC, resourceName: topic }, { resourceType: AclResourceTypes.GROUP, resourceName: group }].map((r) => ({ ...r, resourcePatternType: ResourcePatternTypes.LITERAL, principal: \'User:alice\', host: \'*\', operation: AclOperationTypes.READ, permissionType: AclPermissionTypes.ALLOW })) }).',
      ],
      slide,
    },
    {
      id: 'quota',
      title: 'src/quotas.ts and config/client-admin.properties: setProducerQuota(user, bytes/s) makes the brokers throttle the user near that rate, removeProducerQuota(user) lifts it',
      hints: [
        'A quota caps the bytes per second a user (or client id) may produce or fetch per broker; beyond it the broker delays its answers and says how long (throttle time) instead of refusing (the slides: quotas). kafkajs has no quota API: the workbook uses kafka-configs.',
        'config/client-admin.properties logs the tool in as admin: security.protocol, sasl.mechanism, sasl.jaas.config, and the CA as ssl.truststore.type=PEM with ssl.truststore.location. The arguments are the workbook\'s: --alter --add-config producer_byte_rate=… --entity-type users --entity-name …',
        'await kafkaConfigs([\'--alter\', \'--add-config\', `producer_byte_rate=${bytesPerSecond}`, \'--entity-type\', \'users\', \'--entity-name\', user]); to remove: [\'--alter\', \'--delete-config\', \'producer_byte_rate\', …]. The properties: security.protocol=SASL_SSL, sasl.mechanism=PLAIN, sasl.jaas.config=…PlainLoginModule required username="admin" password="admin-secret";, ssl.truststore.location=ssl/ca-cert.pem.',
      ],
      slide,
    },
  ],
});
