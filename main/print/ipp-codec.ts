/**
 * IPP/2.0 message encoding and decoding (RFC 8010 §3), just what the kiosk's
 * printer client needs: operation, job and printer attribute groups of
 * integers, enums, booleans and strings. Collections in a printer's answer
 * are kept as the raw values they are made of (never read).
 *
 * Why not the `ipp` npm package: it builds messages in a fixed 10 KiB
 * `new Buffer()` (deprecated), logs to the console on HTTP errors, has no
 * timeout or abort, and no types; a retry rule that must know whether a send
 * reached the printer needs all of those.
 */

export const OPERATION = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getJobs: 0x000a,
  getPrinterAttributes: 0x000b,
} as const;

export const TAG = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
} as const;

export type IppValue = number | boolean | string;

export interface IppAttribute {
  name: string;
  tag: number;
  values: IppValue[];
}

export interface IppRequest {
  operation: number;
  requestId: number;
  operationAttributes: IppAttribute[];
  jobAttributes?: IppAttribute[];
}

export interface IppGroup {
  tag: number;
  attributes: Map<string, IppValue[]>;
}

export interface IppResponse {
  version: string;
  status: number;
  requestId: number;
  groups: IppGroup[];
}

/** Shorthands for building attributes. */
export const attr = {
  charset: (name: string, v: string): IppAttribute => ({ name, tag: TAG.charset, values: [v] }),
  language: (name: string, v: string): IppAttribute => ({ name, tag: TAG.naturalLanguage, values: [v] }),
  uri: (name: string, v: string): IppAttribute => ({ name, tag: TAG.uri, values: [v] }),
  name: (name: string, v: string): IppAttribute => ({ name, tag: TAG.name, values: [v] }),
  keyword: (name: string, ...v: string[]): IppAttribute => ({ name, tag: TAG.keyword, values: v }),
  mime: (name: string, v: string): IppAttribute => ({ name, tag: TAG.mimeMediaType, values: [v] }),
  integer: (name: string, v: number): IppAttribute => ({ name, tag: TAG.integer, values: [v] }),
  boolean: (name: string, v: boolean): IppAttribute => ({ name, tag: TAG.boolean, values: [v] }),
};

/** The request's bytes, followed by the document (if any). */
export function encodeRequest(request: IppRequest, document?: Uint8Array): Buffer {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x0200, 0); // IPP/2.0
  head.writeUInt16BE(request.operation, 2);
  head.writeUInt32BE(request.requestId >>> 0, 4);
  parts.push(head);
  const group = (tag: number, attributes: readonly IppAttribute[]) => {
    parts.push(Buffer.from([tag]));
    for (const a of attributes) a.values.forEach((v, i) => parts.push(encodeValue(a.tag, i === 0 ? a.name : '', v)));
  };
  group(TAG.operation, request.operationAttributes);
  if (request.jobAttributes?.length) group(TAG.job, request.jobAttributes);
  parts.push(Buffer.from([TAG.end]));
  if (document) parts.push(Buffer.from(document.buffer, document.byteOffset, document.byteLength));
  return Buffer.concat(parts);
}

function encodeValue(tag: number, name: string, value: IppValue): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  let valueBytes: Buffer;
  if (tag === TAG.integer || tag === TAG.enum) {
    valueBytes = Buffer.alloc(4);
    valueBytes.writeInt32BE(Number(value), 0);
  } else if (tag === TAG.boolean) {
    valueBytes = Buffer.from([value ? 1 : 0]);
  } else {
    valueBytes = Buffer.from(String(value), 'utf8');
  }
  if (nameBytes.length > 0x7fff || valueBytes.length > 0x7fff) throw new Error(`IPP attribute too long: ${name}`);
  const out = Buffer.alloc(1 + 2 + nameBytes.length + 2 + valueBytes.length);
  let at = out.writeUInt8(tag, 0);
  at = out.writeUInt16BE(nameBytes.length, at);
  at += nameBytes.copy(out, at);
  at = out.writeUInt16BE(valueBytes.length, at);
  valueBytes.copy(out, at);
  return out;
}

/** Decodes a response; throws a plain Error naming the offset when the bytes are not IPP. */
export function decodeResponse(bytes: Buffer): IppResponse {
  if (bytes.length < 9) throw new Error(`IPP response too short (${bytes.length} bytes)`);
  const version = `${bytes[0]}.${bytes[1]}`;
  const status = bytes.readUInt16BE(2);
  const requestId = bytes.readUInt32BE(4);
  const groups: IppGroup[] = [];
  let at = 8;
  let group: IppGroup | undefined;
  let last: IppValue[] | undefined;
  while (at < bytes.length) {
    const tag = bytes[at++]!;
    if (tag === TAG.end) break;
    if (tag < 0x10) {
      group = { tag, attributes: new Map() };
      groups.push(group);
      last = undefined;
      continue;
    }
    if (at + 2 > bytes.length) throw new Error(`IPP response cut short at byte ${at}`);
    const nameLength = bytes.readUInt16BE(at);
    at += 2;
    const name = bytes.toString('utf8', at, at + nameLength);
    at += nameLength;
    if (at + 2 > bytes.length) throw new Error(`IPP response cut short at byte ${at}`);
    const valueLength = bytes.readUInt16BE(at);
    at += 2;
    if (at + valueLength > bytes.length) throw new Error(`IPP value overruns the response at byte ${at}`);
    const value = decodeValue(tag, bytes.subarray(at, at + valueLength));
    at += valueLength;
    if (!group) throw new Error('IPP attribute outside any group');
    if (nameLength > 0) {
      last = [value];
      group.attributes.set(name, last);
    } else if (last) {
      last.push(value);
    }
  }
  return { version, status, requestId, groups };
}

function decodeValue(tag: number, raw: Buffer): IppValue {
  if ((tag === TAG.integer || tag === TAG.enum) && raw.length === 4) return raw.readInt32BE(0);
  if (tag === TAG.boolean && raw.length === 1) return raw[0] !== 0;
  if (tag >= 0x40 && tag <= 0x4a) return raw.toString('utf8');
  // Out-of-band values, dates, resolutions, ranges, collections: kept as their hex (never read).
  return raw.toString('hex');
}

/** The first value of an attribute in any group of the given tag. */
export function first(response: IppResponse, groupTag: number, name: string): IppValue | undefined {
  for (const g of response.groups) if (g.tag === groupTag && g.attributes.has(name)) return g.attributes.get(name)![0];
  return undefined;
}

export function all(response: IppResponse, groupTag: number, name: string): IppValue[] {
  for (const g of response.groups) if (g.tag === groupTag && g.attributes.has(name)) return g.attributes.get(name)!;
  return [];
}

/** The status-code classes of RFC 8011 §B. */
export function isSuccess(status: number): boolean {
  return status < 0x0100;
}
