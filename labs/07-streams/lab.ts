import { defineLab } from '@kafka-labs/tool/lab';

const slide = 'slides/decks/07-streams.md';

export default defineLab({
  title: 'Stream processing',
  services: ['kafka', 'registry'],
  programs: {
    app: 'src/app.ts',
    avrogen: 'src/avrogen.ts',
  },
  reset: {
    topics: ['position-rounded', 'courier-by-position', 'position-north', 'position-south', 'position-count', 'position-count-1s', 'position-couriers',
      'position-stream-position-counts-changelog', 'position-stream-position-window-counts-changelog', 'position-stream-courier-positions-changelog', 'position-stream-position-couriers-changelog'],
    groups: ['position-stream'],
  },
  tasks: [
    {
      id: 'round-positions',
      title: 'mapValues: each position rounded to whole degrees, to position-rounded, keyed by courier id, with its input record\'s timestamp',
      hints: [
        'A stateless operator looks at one record at a time: mapValues changes the value and keeps the key and the timestamp. A record\'s timestamp is its event time: an output record keeps the one of the record it comes from (the slides: stateless operators).',
        'context.forward(topic, { key, value, timestamp }) sends a record to a sink topic within the application\'s transaction; the input record gives value (a Courier) and timestamp.',
        "roundPosition: { ...courier, position: { latitude: Math.round(…), longitude: Math.round(…) } }; in stateless: context.forward(topics.rounded, { key: rounded.id, value: JSON.stringify(rounded), timestamp }).",
      ],
      slide,
    },
    {
      id: 'swap-key-value',
      title: 'map: the rounded position ("latitude,longitude") becomes the key and the courier id the value, to courier-by-position',
      hints: [
        'map (selectKey) changes the key: downstream, records are grouped by the new key, here the position. The timestamp stays that of the input record.',
        'positionKey(rounded) gives "latitude,longitude"; forward { key: that, value: the courier id, timestamp } to topics.byPosition.',
        "const swapped = { key: positionKey(rounded), value: rounded.id, timestamp }; context.forward(topics.byPosition, swapped).",
      ],
      slide,
    },
    {
      id: 'branch-north-south',
      title: 'branch: the swapped records whose rounded latitude is above 45 to position-north, the others to position-south',
      hints: [
        'branch splits a stream by predicates: each record goes to the first branch it matches. The predicate here looks at the rounded position (45.4 rounds to 45: not above 45).',
        'Pick the topic from rounded.position.latitude > 45, then forward the swapped record there.',
        'context.forward(rounded.position.latitude > 45 ? topics.north : topics.south, swapped).',
      ],
      slide,
    },
    {
      id: 'count-per-position',
      title: 'count: the records of each rounded position, in the store position-counts; each new count to position-count (a table: the latest value is the count)',
      hints: [
        'A stateful operator remembers: count() keeps one number per key in a state store, and emits each new count, so the output topic read as a table (latest value per key) holds the counts. The runner keeps the store in a changelog topic, so it survives a restart.',
        'context.store<number>(STORES.counts) gives the store: get(key) and put(key, value). Never a variable of your own: only the store is written in the transaction and restored after a crash.',
        'const counts = context.store<number>(STORES.counts); const count = (counts.get(position) ?? 0) + 1; counts.put(position, count); context.forward(topics.count, { key: position, value: String(count), timestamp }).',
      ],
      slide,
    },
    {
      id: 'count-per-window',
      title: 'the same count in tumbling windows of 1 s on record time, keyed "windowStart|position", to position-count-1s',
      hints: [
        'A tumbling window groups records by fixed, non-overlapping intervals of their event time: a record of timestamp t falls in the window that starts at t rounded down to the second. Never the clock: a record replayed later still falls in its own window.',
        'windowStart = timestamp - (timestamp % 1000), from the input record\'s timestamp; the key is `${windowStart}|${position}`, its count in STORES.windowCounts.',
        'const key = `${timestamp - (timestamp % 1000)}|${positionKey(roundPosition(value))}`; then the same get / put / forward as countPerPosition, to topics.windowedCount.',
      ],
      slide,
    },
    {
      id: 'couriers-per-position',
      title: 'the live list of couriers at each position, to position-couriers: a courier that moves leaves its old position\'s list',
      hints: [
        'An aggregate that can shrink: remember where each courier was (one store), and the couriers at each position (another). When a courier moves, its old position\'s list loses it, and that list is emitted too (an empty list when nobody is left).',
        'Two stores: STORES.courierPositions (courier id → position) and STORES.positionCouriers (position → sorted courier ids). Forward each changed list as JSON to topics.couriers.',
        'previous = lastPosition.get(id); if it is the same position, nothing changes; else put previous → list without id (forward it), put position → sorted list with id (forward it), lastPosition.put(id, position).',
      ],
      slide,
    },
    {
      id: 'killed-and-restarted',
      title: 'killed (SIGKILL) mid-stream and restarted: the state comes back from its changelogs, every count exact',
      hints: [
        'Kafka Streams survives a crash because its state is not only in memory: every change to a store is written to a compacted changelog topic in the same transaction as the outputs and the input offsets, and read back at start.',
        'The runner does that for the stores you get from context.store(): state kept in a Map or a variable of your own starts from nothing after a restart.',
        'Keep every count and list in context.store(STORES.…), never in module variables: the runner restores the stores, and exactly-once transactions make sure nothing is counted twice.',
      ],
      slide,
    },
    {
      id: 'interactive-query',
      title: 'interactive query: GET /couriers/<position> on the running application answers from its store ([] where nobody is)',
      hints: [
        'An interactive query reads a running application\'s state store directly: no database, no topic to read (the slides: interactive queries). ksqlDB calls it a pull query.',
        'The given app serves GET /couriers/<latitude,longitude> with couriersAt(store, position): read the store, and answer [] for a position with no list.',
        'return store.get(position) ?? [].',
      ],
      slide,
    },
  ],
});
