import http from 'node:http';
import https from 'node:https';
import { OPERATION, TAG, all, attr, decodeResponse, encodeRequest, first, isSuccess, type IppAttribute, type IppResponse } from './ipp-codec';

/**
 * The site printer over IPP (RFC 8011), in pure Node so it runs the same on
 * Linux and Windows: an IPP Everywhere printer, or a CUPS queue
 * (ipp://host:631/printers/NAME). Jobs carry a neutral name ("Tupa") and the
 * PC's id as the user name: never a page title, an address or a file name.
 */
export interface PrinterOptions {
  /** ipp:// or ipps:// */
  uri: string;
  pcId: string;
  /** How long one request may take before it counts as unanswered. */
  timeoutMs?: number;
  /** PWG media name, e.g. iso_a4_210x297mm. */
  media?: string | undefined;
  colour?: 'color' | 'monochrome' | undefined;
  sides?: 'one-sided' | 'two-sided-long-edge' | undefined;
}

export type PrinterErrorKind =
  /** Nothing reached the printer (refused connection, no such host): safe to try again later. */
  | 'unreachable'
  /** A request went out and no answer came (timeout, reset): it may have arrived. */
  | 'uncertain'
  /** The printer answered and would not take it. */
  | 'format'
  | 'stopped'
  | 'refused';

export class PrinterError extends Error {
  constructor(
    readonly kind: PrinterErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PrinterError';
  }
}

export type PrinterStateName = 'idle' | 'processing' | 'stopped';

export interface PrinterStatus {
  state: PrinterStateName;
  /** printer-state-reasons without 'none', e.g. media-empty-error, toner-low-report. */
  reasons: string[];
  accepting: boolean;
}

/** job-state (RFC 8011 §5.3.7). */
export const JOB_STATE = { pending: 3, held: 4, processing: 5, stopped: 6, canceled: 7, aborted: 8, completed: 9 } as const;

export interface JobStatus {
  id: number;
  state: number;
  reasons: string[];
}

const PRINTER_STATES: Record<number, PrinterStateName> = { 3: 'idle', 4: 'processing', 5: 'stopped' };
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ERR_INVALID_URL']);

export const JOB_NAME = 'Tupa';

export class IppPrinter {
  private requestId = 1;
  private readonly url: URL;

  constructor(private readonly options: PrinterOptions) {
    this.url = new URL(options.uri);
    if (this.url.protocol !== 'ipp:' && this.url.protocol !== 'ipps:') throw new Error(`printer address must be ipp:// or ipps://, not ${this.url.protocol}`);
  }

  async status(): Promise<PrinterStatus> {
    const res = await this.send(OPERATION.getPrinterAttributes, [
      attr.keyword('requested-attributes', 'printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs'),
    ]);
    const state = PRINTER_STATES[Number(first(res, TAG.printer, 'printer-state'))] ?? 'stopped';
    const reasons = all(res, TAG.printer, 'printer-state-reasons').map(String).filter((r) => r !== 'none');
    return { state, reasons, accepting: first(res, TAG.printer, 'printer-is-accepting-jobs') !== false };
  }

  /**
   * Sends one PDF; resolves with the printer's job id. A printer busy with
   * another job (server-error-busy: it took nothing) is asked again, a
   * second apart, up to `busyRetries` times.
   */
  async printPdf(pdf: Uint8Array, busyRetries = 30): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.printOnce(pdf);
      } catch (error) {
        if (!(error instanceof PrinterError) || error.status !== 0x0507 || attempt >= busyRetries) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  private async printOnce(pdf: Uint8Array): Promise<number> {
    const job: IppAttribute[] = [];
    if (this.options.media) job.push(attr.keyword('media', this.options.media));
    if (this.options.colour) job.push(attr.keyword('print-color-mode', this.options.colour));
    if (this.options.sides) job.push(attr.keyword('sides', this.options.sides));
    const res = await this.send(
      OPERATION.printJob,
      [attr.name('requesting-user-name', this.options.pcId), attr.name('job-name', JOB_NAME), attr.mime('document-format', 'application/pdf')],
      job,
      pdf,
    );
    const id = Number(first(res, TAG.job, 'job-id'));
    if (!Number.isInteger(id) || id <= 0) throw new PrinterError('refused', 'the printer accepted the job but gave no job-id');
    return id;
  }

  /** This PC's jobs at the printer, all of them (pending, printing and finished). */
  async myJobs(): Promise<JobStatus[]> {
    const res = await this.send(OPERATION.getJobs, [
      attr.name('requesting-user-name', this.options.pcId),
      attr.keyword('which-jobs', 'all'),
      attr.boolean('my-jobs', true),
      attr.keyword('requested-attributes', 'job-id', 'job-state', 'job-state-reasons', 'job-originating-user-name'),
    ]);
    const jobs: JobStatus[] = [];
    for (const g of res.groups) {
      if (g.tag !== TAG.job) continue;
      const user = g.attributes.get('job-originating-user-name')?.[0];
      // my-jobs is a request; a printer that ignores it is filtered here.
      if (user !== undefined && user !== this.options.pcId) continue;
      jobs.push({
        id: Number(g.attributes.get('job-id')?.[0]),
        state: Number(g.attributes.get('job-state')?.[0]),
        reasons: (g.attributes.get('job-state-reasons') ?? []).map(String),
      });
    }
    return jobs;
  }

  async job(jobId: number): Promise<JobStatus> {
    const res = await this.send(OPERATION.getJobAttributes, [
      attr.integer('job-id', jobId),
      attr.name('requesting-user-name', this.options.pcId),
      attr.keyword('requested-attributes', 'job-state', 'job-state-reasons'),
    ]);
    return { id: jobId, state: Number(first(res, TAG.job, 'job-state')), reasons: all(res, TAG.job, 'job-state-reasons').map(String) };
  }

  async cancel(jobId: number): Promise<void> {
    await this.send(OPERATION.cancelJob, [attr.integer('job-id', jobId), attr.name('requesting-user-name', this.options.pcId)]);
  }

  private async send(operation: number, operationAttributes: IppAttribute[], jobAttributes: IppAttribute[] = [], document?: Uint8Array): Promise<IppResponse> {
    const body = encodeRequest(
      {
        operation,
        requestId: this.requestId++,
        operationAttributes: [attr.charset('attributes-charset', 'utf-8'), attr.language('attributes-natural-language', 'en'), attr.uri('printer-uri', this.url.href), ...operationAttributes],
        jobAttributes,
      },
      document,
    );
    const bytes = await this.post(body);
    let res: IppResponse;
    try {
      res = decodeResponse(bytes);
    } catch (error) {
      throw new PrinterError('refused', `the printer's answer is not IPP: ${(error as Error).message}`);
    }
    if (!isSuccess(res.status)) {
      const status = `0x${res.status.toString(16).padStart(4, '0')}`;
      if (res.status === 0x040a) throw new PrinterError('format', `document-format-not-supported (${status})`, res.status);
      if (res.status === 0x0506 || res.status === 0x0507) throw new PrinterError('stopped', `the printer is not accepting jobs (${status})`, res.status);
      throw new PrinterError('refused', `IPP status ${status}`, res.status);
    }
    return res;
  }

  private post(body: Buffer): Promise<Buffer> {
    const secure = this.url.protocol === 'ipps:';
    const timeout = this.options.timeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      let connected = false;
      const req = (secure ? https : http).request(
        {
          host: this.url.hostname.replace(/^\[|\]$/g, ''),
          port: this.url.port || 631,
          path: this.url.pathname || '/',
          method: 'POST',
          // One connection per request: "did it connect" then means "did this request reach the printer".
          agent: false,
          headers: { 'content-type': 'application/ipp', 'content-length': body.length },
          timeout,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) reject(new PrinterError('refused', `HTTP ${res.statusCode} from the printer`));
            else resolve(Buffer.concat(chunks));
          });
          res.on('error', (e) => reject(new PrinterError('uncertain', `the answer broke off: ${e.message}`)));
        },
      );
      req.on('socket', (socket) => socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true)));
      req.on('timeout', () => req.destroy(new Error('ETIMEDOUT')));
      req.on('error', (e: NodeJS.ErrnoException) => {
        const code = e.code ?? e.message;
        if (!connected && NOTHING_SENT.has(code)) reject(new PrinterError('unreachable', `cannot reach the printer (${code})`));
        else if (!connected) reject(new PrinterError('unreachable', `no connection to the printer (${code})`));
        else reject(new PrinterError('uncertain', `no answer from the printer (${code})`));
      });
      req.end(body);
    });
  }
}
