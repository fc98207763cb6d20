// Generated from schemas/courier.avsc by `avrogen`: do not edit, run it again after changing the schema.

export interface Position {
  latitude: number;
  longitude: number;
}

/** Where a courier is: the value of every record of position-avro, keyed by the courier's id. */
export interface Courier {
  id: string;
  position: Position;
  /** Epoch milliseconds. */
  timestamp: number;
}
