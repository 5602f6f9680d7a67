/** Step 1 of a read: by the file's name only (lock files, system files, non-spreadsheet extensions are skipped). */
import type { Code } from '../../core/messages';

const ACCEPTED_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.et', '.ett', '.xlsb', '.ods', '.csv']);
const SYSTEM_FILES = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini', '.ds_store']);

export function baseName(relPath: string): string {
  const parts = relPath.split(/[\\/]/);
  return parts[parts.length - 1] ?? relPath;
}

/** Lower-case extension with its dot ('' when none). */
export function extensionOf(relPath: string): string {
  const name = baseName(relPath);
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(i).toLowerCase() : '';
}

export function classifyName(relPath: string): { skip: true; code: Code; message: string } | null {
  const name = baseName(relPath);
  if (name.startsWith('~$') || name.startsWith('.~lock.')) {
    return {
      skip: true,
      code: 'SKIP_LOCK_FILE',
      message:
        '这是 Excel 或 WPS 打开表格时自动生成的临时锁定文件（文件名以“~$”开头），不是报表，已忽略。' +
        '关闭正在打开该表格的 Excel/WPS 后它会自动消失，也可以直接删除。',
    };
  }
  if (SYSTEM_FILES.has(name.toLowerCase()) || name.startsWith('._')) {
    return {
      skip: true,
      code: 'SKIP_SYSTEM_FILE',
      message: '这是操作系统自动生成的系统文件（如缩略图缓存、文件夹设置），不是报表，已忽略，可以删除。',
    };
  }
  const ext = extensionOf(name);
  if (!ACCEPTED_EXTENSIONS.has(ext)) {
    const what = ext ? `扩展名为“${ext}”的文件` : '没有扩展名的文件';
    return {
      skip: true,
      code: 'SKIP_NOT_SPREADSHEET',
      message:
        `${what}不是 Excel 工作簿，已忽略。如果这是要报送的报表，` +
        '请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后重新报送。',
    };
  }
  return null;
}

