/** Stray files in the county folder (lock files, Thumbs.db, a Word file…) and what the consolidation does with them. */
import { rngFor } from './model';
import { Out } from './out';

// ───────────────────────────── stray files ─────────────────────────────

export function strays(out: Out): { file: string; status: string; note: string }[] {
  const lock = Buffer.alloc(165);
  const user = Buffer.from('Administrator', 'utf16le');
  lock.writeUInt8(13, 0);
  user.copy(lock, 1);
  lock.fill(0x20, 1 + user.length, 55);
  const rng = rngFor('stray');
  for (let i = 55; i < lock.length; i++) lock[i] = Math.floor(rng() * 256);
  out.raw('~$云峰镇重点项目.xlsx', lock);

  const thumbs = Buffer.alloc(3072);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(thumbs);
  for (let i = 8; i < thumbs.length; i++) thumbs[i] = Math.floor(rng() * 256);
  out.raw('Thumbs.db', thumbs);

  const docx = Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from('[Content_Types].xml 关于报送重点项目推进情况的说明：本周各项目推进正常。', 'utf8'),
    Buffer.alloc(256),
  ]);
  out.raw('说明.docx', docx);
  return [
    { file: '~$云峰镇重点项目.xlsx', status: 'ignored', note: 'Excel lock file (165 bytes of junk)' },
    { file: 'Thumbs.db', status: 'ignored', note: 'Windows thumbnail cache (junk bytes)' },
    { file: '说明.docx', status: 'ignored', note: 'not a workbook (a broken docx-like zip)' },
  ];
}
