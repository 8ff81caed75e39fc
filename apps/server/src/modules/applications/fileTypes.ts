/** Identify an upload by its first bytes (never trust the client's content type). */
export function sniffFileType(buf: Buffer, fileName: string): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const starts = (...bytes: number[]) => bytes.every((b, i) => buf[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46) && ext === 'pdf') return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47) && ext === 'png') return 'image/png';
  if (starts(0xff, 0xd8, 0xff) && (ext === 'jpg' || ext === 'jpeg')) return 'image/jpeg';
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    if (ext === 'docx') return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (ext === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    if (ext === 'doc') return 'application/msword';
    if (ext === 'xls') return 'application/vnd.ms-excel';
  }
  return null;
}
