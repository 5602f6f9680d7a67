/**
 * The command line's words → RunOptions: commander's program (help in Chinese), its errors said in Chinese, numbers
 * checked. Exit 2 for anything that is not a valid command line.
 */
import { Command, CommanderError, Help } from 'commander';
import type { RunOptions } from './options';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('consolidate')
    .description('县级周汇总：扫描文件夹中各乡镇报表，生成县汇总工作簿')
    .argument('<folder>', '各乡镇报表所在文件夹（含子文件夹）')
    .requiredOption('--roster <file>', '乡镇名册（.csv 或 .xlsx，含「乡镇名称」列，可选「别名」列）')
    .requiredOption('--as-of <date>', '汇总日期 YYYY-MM-DD')
    .requiredOption('--out <summary.xlsx>', '输出的县汇总工作簿')
    .option('--json <report.json>', '同时输出 JSON 报告')
    .option('--pdf [bulletin.pdf]', '同时把汇总表的「通报」表转为 PDF（需要 LibreOffice）；不写文件名时写在汇总表旁：<汇总表名>-通报.pdf')
    .option('--yellow-below <points>', '黄灯阈值：低于序时进度多少个百分点以内为黄灯（默认 10）')
    .option('--config <file.json>', '县级配置（JSON）：yellowBelow 黄灯阈值、staleDays 报表时效天数、indicators 补充的指标目录、departments 下放事项的县级部门名单、targets 目标表')
    .option('--county <name>', '县名，用于汇总表标题')
    .option('--targets <file.xlsx>', '县下达的目标表（乡镇×指标×年度，可含调整后目标、调整日期、调整文号）；指标完成率按汇总日期执行的目标计算')
    .option('--previous <report.json>', '上周的 JSON 报告（上周 --json 的输出）：汇总表增加较上周变化、排名变化、转红项目、本周未报乡镇')
    .option('--history <folder>', '存放本年各周 JSON 报告的文件夹（各周 --json 的输出）：汇总表增加「走势」「督办清单」，通报增加连续红灯、连续无进展的项目；文件夹中只会新建或更新历史摘要文件')
    .option('--no-convert', '不转换旧格式文件：.xls/.et/.ett 照旧退回，请乡镇另存为 .xlsx（默认有 LibreOffice 时自动转换副本后读取）')
    .option('--jobs <n>', '并行读取的线程数（默认为 CPU 核数），也是同时转换旧格式文件的 LibreOffice 进程数上限')
    .option('--quiet', '不输出进度和摘要')
    .helpOption('-h, --help', '显示帮助')
    .configureHelp({
      formatHelp: (cmd, helper) =>
        new Help()
          .formatHelp(cmd, helper)
          .replace(/^Usage: (\S+) \[options\]/m, '用法：npm run $1 -- [选项]')
          .replace(/^Arguments:/m, '参数：')
          .replace(/^Options:/m, '选项：')
          .replace(/\(default: ([^)]*)\)/g, '（默认 $1）'),
    })
    .exitOverride()
    // commander's own error lines are English: main() prints them in Chinese instead
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined });
  return program;
}

/** Commander's parse errors, said in Chinese (the option names stay as typed). */
function usageMessage(err: CommanderError): string {
  const opt = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'commander.missingMandatoryOptionValue':
      return `缺少必填参数 ${opt.split(' ')[0]}`;
    case 'commander.optionMissingArgument':
      return `参数 ${opt.split(' ')[0]} 后面缺少值`;
    case 'commander.missingArgument':
      return '缺少报表文件夹';
    case 'commander.unknownOption':
      return `不认识的参数 ${opt}`;
    case 'commander.excessArguments':
      return '多给了参数：只能给一个报表文件夹（路径中有空格时请加引号）';
    default:
      return err.message.replace(/^error:\s*/, '');
  }
}

/** RunOptions from argv (without node and the script), or the exit code when there is nothing to run (help, an error). */
export function parseArgs(argv: string[]): { options: RunOptions } | { code: number } {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return { code: 0 };
      process.stderr.write(`错误：${usageMessage(err)}\n用法：npm run consolidate -- <文件夹> --roster <名册> --as-of <YYYY-MM-DD> --out <汇总.xlsx> [--json <报告.json>] [--pdf [通报.pdf]]（--help 查看全部参数）\n`);
      return { code: 2 };
    }
    throw err;
  }
  const opts = program.opts();
  const num = (v: unknown, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      process.stderr.write(`错误：${name} 应为数字，收到「${String(v)}」\n`);
      return NaN;
    }
    return n;
  };
  const yellowBelow = num(opts.yellowBelow, '--yellow-below');
  const jobs = num(opts.jobs, '--jobs');
  if (Number.isNaN(yellowBelow) || Number.isNaN(jobs)) return { code: 2 };
  return {
    options: {
      folder: program.args[0],
      roster: opts.roster,
      asOf: opts.asOf,
      out: opts.out,
      json: opts.json,
      pdf: opts.pdf as string | boolean | undefined,
      yellowBelow,
      config: opts.config,
      county: opts.county,
      targets: opts.targets,
      previous: opts.previous,
      history: opts.history,
      convert: opts.convert !== false,
      // more threads than cores only costs memory: at most 16
      jobs: jobs ? Math.min(16, Math.max(1, Math.floor(jobs))) : undefined,
      quiet: !!opts.quiet,
    },
  };
}
