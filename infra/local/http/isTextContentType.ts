/**
 * Whether API Gateway passes a body of this content type to Lambda as text; any other body (including one
 * without a content type, and form posts) arrives base64-encoded with `isBase64Encoded: true`.
 */
export const isTextContentType = (contentType: string | undefined): boolean => {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    mediaType.startsWith('text/') ||
    mediaType === 'application/json' ||
    mediaType.endsWith('+json') ||
    mediaType === 'application/xml' ||
    mediaType.endsWith('+xml') ||
    mediaType === 'application/javascript' ||
    mediaType === 'application/graphql'
  );
};
