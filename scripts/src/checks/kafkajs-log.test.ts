import { describe, expect, it } from 'vitest';
import { formatKafkaLog } from './kafkajs-log.js';

describe("kafkajs' JSON logs in a lab program's output", () => {
  it('become one readable line, with the error and the broker', () => {
    const line = '{"level":"ERROR","timestamp":"2026-11-25T21:32:46.717Z","logger":"kafkajs","message":"[Producer] Failed to send messages: Connection error: write after end","retryCount":0,"broker":"127.0.0.1:19093","error":"write after end"}';
    expect(formatKafkaLog(line)?.text).toBe('kafkajs ERROR: [Producer] Failed to send messages: Connection error: write after end (broker 127.0.0.1:19093)');
  });

  it('repeat under one key, whatever their timestamps', () => {
    const at = (t: string) => `{"level":"ERROR","timestamp":"${t}","logger":"kafkajs","message":"[Connection] Connection error","error":"ECONNREFUSED"}`;
    expect(formatKafkaLog(at('2026-11-25T21:00:00Z'))?.key).toBe(formatKafkaLog(at('2026-11-25T21:00:09Z'))?.key);
  });

  it('leave every other line alone', () => {
    expect(formatKafkaLog('10 records sent')).toBeUndefined();
    expect(formatKafkaLog('{"level":"x","logger":"other","message":"m"}')).toBeUndefined();
  });
});
