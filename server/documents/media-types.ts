/**
 * The document types a case accepts, recognised by their magic bytes (never by the name or the declared type alone).
 * The OpenAPI document lists the same types for downloads.
 */

const SIGNATURES: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/tiff', ext: 'tif', test: (b) => ['49492a00', '4d4d002a'].includes(b.subarray(0, 4).toString('hex')) },
  { type: 'image/webp', ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** Every accepted media type. */
export const ACCEPTED_TYPES: readonly string[] = SIGNATURES.map((s) => s.type);

/** The media type a file's bytes say it is, or undefined. */
export function sniff(b: Buffer): string | undefined {
  return SIGNATURES.find((s) => b.length >= 4 && s.test(b))?.type;
}

/** The usual file extension of an accepted media type. */
export function extensionOf(type: string): string {
  return SIGNATURES.find((s) => s.type === type)?.ext ?? 'bin';
}
