import type { Kafka, Producer, Transaction } from 'kafkajs';
import { labKafka, positionTopic, transactionalId } from './client.js';
import { courier, nextPosition, toJson, type Courier } from './model.js';

export interface TransactionalProducerOptions {
  kafka: Kafka;
  topic: string;
  /** How many couriers send at the same time; each has a transactional producer of its own. */
  threads: number;
  /** How many positions each courier sends. */
  messages: number;
  /** Courier i uses `<transactionalId>-i`: stable across restarts, so a new instance fences the old one. */
  transactionalId: string;
  /** Sends per transaction. */
  transactionSize?: number;
}

export interface TransactionalReport {
  /** Records in committed transactions. */
  committed: number;
  transactions: number;
  /** Records sent in a last transaction that is never committed. */
  leftOpen: number;
}

/** The producer of workshop 2, transactional: every `transactionSize` sends make one committed transaction. */
export async function runTransactionalProducer(options: TransactionalProducerOptions): Promise<TransactionalReport> {
  const reports = await Promise.all(Array.from({ length: options.threads }, (_, i) => sendInTransactions(options, courier(i), `${options.transactionalId}-${i}`)));
  return reports.reduce((sum, r) => ({ committed: sum.committed + r.committed, transactions: sum.transactions + r.transactions, leftOpen: sum.leftOpen + r.leftOpen }));
}

/**
 * A transactional producer is idempotent (the broker drops retried duplicates) and allows one request in flight,
 * which keeps the records of a transaction in order.
 */
export function createTransactionalProducer(kafka: Kafka, id: string): Producer {
  return kafka.producer({ transactionalId: id, idempotent: true, maxInFlightRequests: 1 });
}

async function sendInTransactions(options: TransactionalProducerOptions, c: Courier, id: string): Promise<TransactionalReport> {
  const size = options.transactionSize ?? 10;
  const producer = createTransactionalProducer(options.kafka, id);
  await producer.connect();
  const report: TransactionalReport = { committed: 0, transactions: 0, leftOpen: 0 };
  let transaction: Transaction | undefined;
  try {
    for (let step = 0; step < options.messages; step++) {
      transaction ??= await producer.transaction();
      await transaction.send({ topic: options.topic, messages: [{ key: c.id, value: toJson(nextPosition(c, step)) }] });
      report.leftOpen += 1;
      if (report.leftOpen === size) {
        // The commit writes a marker into every partition the transaction wrote to: it takes an offset.
        await transaction.commit();
        report.committed += size;
        report.transactions += 1;
        report.leftOpen = 0;
        transaction = undefined;
      }
    }
  } catch (error) {
    await transaction?.abort().catch(() => {});
    throw error;
  }
  await transaction?.abort();
  await producer.disconnect();
  return report;
}

/** `pnpm lab 6 run producer -- <nbThreads> <nbMessages>`: e.g. 1 105 → 10 committed transactions, 5 records left open. */
export async function main(args: string[]): Promise<void> {
  const [threads, messages] = args.map(Number);
  if (!threads || !messages) throw new Error('usage: producer <nbThreads> <nbMessages> (e.g. 1 105)');
  const report = await runTransactionalProducer({ kafka: labKafka('transactional-producer'), topic: positionTopic(), threads, messages, transactionalId: transactionalId('position-producer') });
  console.log(`${report.committed} records in ${report.transactions} committed transactions, ${report.leftOpen} left in an open transaction`);
}
