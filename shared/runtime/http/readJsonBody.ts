import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/requestErrors.ts';

/** Largest body the kit parses by default; EventBridge and DynamoDB limits make bigger payloads useless. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/**
 * The JSON value of a request body, or undefined when there is none. Checks size (413), media type (415)
 * and syntax (400) — in that order, so a huge body is never decoded. Over HTTP a body must say it is JSON:
 * without a content type, or as `text/plain`, it could come from any web page as a "simple" cross-site
 * request, which browsers send without asking the API first (no CORS preflight).
 */
export const readJsonBody = (
  raw: string | undefined,
  options: {
    isBase64Encoded: boolean;
    /** The request's `content-type`; ignored when `requireJsonMediaType` is false. */
    contentType: string | undefined;
    /** False where the transport has no content type (WebSocket messages). */
    requireJsonMediaType: boolean;
    maxBytes: number;
  },
): unknown => {
  if (raw === undefined || raw === null || raw === '') return undefined;
  // Base64 is 4/3 of the decoded size: reject obvious giants before allocating.
  const encodedLimit = options.isBase64Encoded
    ? Math.ceil((options.maxBytes * 4) / 3) + 4
    : options.maxBytes * 4;
  if (raw.length > encodedLimit) throw new PayloadTooLargeError(`The body exceeds ${options.maxBytes} bytes`);
  const bytes = options.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > options.maxBytes) {
    throw new PayloadTooLargeError(`The body is ${bytes.byteLength} bytes; the limit is ${options.maxBytes}`);
  }
  if (options.requireJsonMediaType) {
    const mediaType = options.contentType?.split(';')[0]?.trim() ?? '';
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new UnsupportedMediaTypeError(
        mediaType === ''
          ? 'The body has no content type; send application/json'
          : `The body is ${mediaType}; send application/json`,
      );
    }
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestError('The body is not valid JSON');
  }
};
