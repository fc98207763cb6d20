export { runStreamsApp } from './app.js';
export type { InputRecord, KeyValueStore, OutputRecord, ProcessorContext, RunningStreamsApp, StreamsAppOptions } from './app.js';
