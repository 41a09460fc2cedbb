import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './address';

export const TIMEOUT_MS = 10_000;
/** How much of a receiver's answer is kept in the log. */
export const MAX_RESPONSE_BYTES = 4096;

export interface PostResult {
  /** The HTTP status; null when no answer came (refused address, timeout, connection error). */
  status: number | null;
  /** The first MAX_RESPONSE_BYTES of the answer. */
  body: string | null;
  error: string | null;
  durationMs: number;
}

export class RefusedAddress extends Error {}

/**
 * Resolves the host and refuses it if any of its addresses is private: the connection goes to the
 * address checked here, so a name that resolves elsewhere a moment later (DNS rebinding) gains nothing.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate)
        return callback(new RefusedAddress(`${hostname} resolves to a private address (${bad.address})`), '', 0);
      if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * POSTs one webhook: no redirects followed (a 3xx is a failure), a 10 s limit on the whole
 * exchange, the answer cut at 4 KiB, private addresses refused unless allowed. Never throws.
 */
export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  { allowPrivate, timeoutMs = TIMEOUT_MS }: { allowPrivate: boolean; timeoutMs?: number },
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const done = (result: Omit<PostResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return done({ status: null, body: null, error: 'Not a valid URL.' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return done({ status: null, body: null, error: 'Only http(s) URLs are allowed.' });
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(host) && isPrivateAddress(host))
      return done({ status: null, body: null, error: `Refused: ${host} is a private address.` });
    const client = url.protocol === 'https:' ? https : http;
    timer = setTimeout(() => {
      request.destroy(new Error(`No answer within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowPrivate),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const text = Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
          const status = response.statusCode ?? null;
          const okStatus = status !== null && status >= 200 && status < 300;
          done({
            status,
            body: text,
            error: okStatus
              ? null
              : status !== null && status >= 300 && status < 400
                ? `Redirect (${status}) not followed.`
                : `HTTP ${status}.`,
          });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_RESPONSE_BYTES) finish();
        });
        response.on('end', finish);
        response.on('error', finish);
      },
    );
    request.on('error', (error) =>
      done({
        status: null,
        body: null,
        error: error instanceof RefusedAddress ? `Refused: ${error.message}.` : error.message || String(error),
      }),
    );
    request.end(body);
  });
}
