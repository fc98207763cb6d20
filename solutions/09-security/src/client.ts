import fs from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';

/** A user of kafka_server_jaas.conf. */
export interface Credentials {
  username: string;
  password: string;
}

export const ALICE: Credentials = { username: 'alice', password: 'alice-secret' };

/**
 * A client of the secured cluster, logged in as `user`. `pnpm lab 9 run …` and the checks set
 * KAFKA_SECURE_BOOTSTRAP_SERVERS (the brokers' EXTERNAL listener) and KAFKA_SSL_CA_LOCATION (the lab's ssl/ca-cert.pem).
 */
export function secureKafka(clientId: string, user: Credentials = ALICE): Kafka {
  return new Kafka({
    clientId,
    brokers: (process.env.KAFKA_SECURE_BOOTSTRAP_SERVERS ?? 'localhost:9192').split(','),
    logLevel: logLevel.WARN,
    // 9.1: TLS, trusting the lab's CA (the workbook's SslCaLocation).
    ssl: { ca: [fs.readFileSync(process.env.KAFKA_SSL_CA_LOCATION ?? 'ssl/ca-cert.pem', 'utf8')] },
    // 9.2.2: SASL/PLAIN (the workbook's SaslMechanism.Plain, SaslUsername, SaslPassword).
    sasl: { mechanism: 'plain', username: user.username, password: user.password },
  });
}
