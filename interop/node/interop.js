#!/usr/bin/env node
'use strict';

// An independent client of ultraline's contracts: kafkajs for Kafka and
// @kafkajs/confluent-schema-registry (avsc underneath) for the Confluent wire format. It shares no
// code with the Java serde, so a frame it writes that Java can read, and a verdict Java writes that
// it can read, show that both sides speak the same format. NodeInteropIT drives it.
//
//   node interop.js produce-frame   --bootstrap H:P --registry URL --topic T --frame FILE
//   node interop.js consume-verdict --bootstrap H:P --registry URL --topic T [--count N] [--timeout-ms N]
//
// --bootstrap and --registry fall back to KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL. The
// registry URL includes any path prefix (Apicurio: http://host:port/apis/ccompat/v7).
//
// produce-frame: FILE holds a CameraFrame as JSON in avsc's shape (timestamps as epoch millis,
// unions unwrapped, enums as symbols, the image as base64). The frame is encoded with the latest
// schema of subject <T>-value, which the Java side registered, and written with key = cameraId.
// Prints {"topic","partition","offset","schemaId"}.
//
// consume-verdict: reads the first N (default 1) committed records of T from the beginning,
// decodes each with the writer schema its id names and prints, one line per record,
// {"key","partition","offset","schemaId","value"}; bytes print as base64.
//
// Only results go to stdout, one JSON line each; logs go to stderr. Exit status 0 on success,
// 1 on a failure, 2 on bad usage.

const fs = require('fs');
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');

const DEFAULT_TIMEOUT_MS = 30000;

function usage(message) {
  process.stderr.write(`${message}\n`
    + 'usage: interop.js produce-frame   --bootstrap H:P --registry URL --topic T --frame FILE\n'
    + '       interop.js consume-verdict --bootstrap H:P --registry URL --topic T [--count N] [--timeout-ms N]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const options = {
    bootstrap: process.env.KAFKA_BOOTSTRAP_SERVERS,
    registry: process.env.SCHEMA_REGISTRY_URL,
  };
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i];
    if (!name.startsWith('--') || i + 1 >= rest.length) {
      usage(`bad argument: ${name}`);
    }
    options[name.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = rest[i + 1];
  }
  for (const required of ['bootstrap', 'registry', 'topic']) {
    if (!options[required]) {
      usage(`missing --${required}`);
    }
  }
  return { command, options };
}

// kafkajs logs through console by default; keep stdout for the result
const stderrLogCreator = () => ({ namespace, label, log }) => {
  const { message, ...extra } = log;
  process.stderr.write(`${label} [${namespace}] ${message} ${JSON.stringify(extra)}\n`);
};

function kafkaClient(options) {
  return new Kafka({
    clientId: 'ultraline-interop-node',
    brokers: options.bootstrap.split(','),
    logLevel: logLevel.WARN,
    logCreator: stderrLogCreator,
    retry: { retries: 5 },
  });
}

function registryClient(options) {
  return new SchemaRegistry({ host: options.registry, clientId: 'ultraline-interop-node' });
}

// Buffers as base64, everything else as JSON already has it
function jsonable(value) {
  if (Buffer.isBuffer(value)) {
    return value.toString('base64');
  }
  if (Array.isArray(value)) {
    return value.map(jsonable);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonable(v)]));
  }
  return value;
}

function schemaIdOf(buffer) {
  return buffer.readInt32BE(1);
}

async function produceFrame(options) {
  if (!options.frame) {
    usage('missing --frame');
  }
  const frame = JSON.parse(fs.readFileSync(options.frame, 'utf8'));
  frame.image = Buffer.from(frame.image, 'base64');

  const registry = registryClient(options);
  const schemaId = await registry.getLatestSchemaId(`${options.topic}-value`);
  const value = await registry.encode(schemaId, frame);

  // DefaultPartitioner is murmur2 like the Java client, so a camera's frames land on the partition
  // Java producers would choose; the legacy kafkajs partitioner does not.
  const producer = kafkaClient(options).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    const [meta] = await producer.send({
      topic: options.topic,
      acks: -1,
      messages: [{ key: frame.cameraId, value }],
    });
    return { topic: meta.topicName, partition: meta.partition, offset: meta.baseOffset, schemaId };
  } finally {
    await producer.disconnect();
  }
}

async function consumeVerdict(options) {
  const count = Number(options.count || 1);
  const timeoutMs = Number(options.timeoutMs || DEFAULT_TIMEOUT_MS);
  const registry = registryClient(options);
  const consumer = kafkaClient(options).consumer({
    groupId: `ultraline-interop-${process.pid}-${Date.now()}`,
    readUncommitted: false, // read_committed: the Java side writes in transactions
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    const records = [];
    let timer;
    await new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(
        `${records.length} of ${count} records on ${options.topic} within ${timeoutMs} ms`)), timeoutMs);
      consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: 1,
        eachMessage: async ({ partition, message }) => {
          try {
            const value = await registry.decode(message.value);
            records.push({
              key: message.key === null ? null : message.key.toString('utf8'),
              partition,
              offset: message.offset,
              schemaId: schemaIdOf(message.value),
              value: jsonable(value),
            });
            if (records.length >= count) {
              resolve();
            }
          } catch (e) {
            reject(e);
          }
        },
      }).catch(reject);
    }).finally(() => clearTimeout(timer));
    return records.slice(0, count);
  } finally {
    await consumer.disconnect();
  }
}

async function main() {
  const { command, options } = parseArgs(process.argv.slice(2));
  let results;
  if (command === 'produce-frame') {
    results = [await produceFrame(options)];
  } else if (command === 'consume-verdict') {
    results = await consumeVerdict(options);
  } else {
    usage(`unknown command: ${command}`);
  }
  return results.map((result) => `${JSON.stringify(result)}\n`).join('');
}

// exit explicitly (kafkajs may leave timers behind), once stdout has taken the line
main().then(
  (line) => process.stdout.write(line, () => process.exit(0)),
  (e) => {
    process.stderr.write(`interop.js failed: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  },
);
