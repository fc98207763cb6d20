/** A courier of the delivery company: the key of every record is its id. */
export interface Courier {
  id: string;
  name: string;
}

/** Where a courier is: the value of every record, as JSON. */
export interface Position {
  courierId: string;
  latitude: number;
  longitude: number;
  /** Epoch milliseconds. */
  timestamp: number;
}

/** The workbook's third argument: how each record is sent. */
export enum SendMode {
  FireAndForget = 0,
  Synchronous = 1,
  Asynchronous = 2,
}

export function courier(index: number): Courier {
  return { id: `courier-${index}`, name: `Courier ${index}` };
}

/** A courier moving a little around Paris, one step per record. */
export function nextPosition(courier: Courier, step: number): Position {
  return {
    courierId: courier.id,
    latitude: 48.8566 + Math.sin(step / 50) / 100,
    longitude: 2.3522 + Math.cos(step / 50) / 100,
    timestamp: Date.now(),
  };
}
