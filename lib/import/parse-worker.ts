import { prepareMessage, type Prepared } from "./prepare";

/** Worker-thread entry (piscina): parses a slice of a batch. */
export default function parseSlice(raws: Uint8Array[]): Promise<Prepared[]> {
  return Promise.all(raws.map((raw) => prepareMessage(raw)));
}
