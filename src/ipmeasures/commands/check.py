"""ipm check PATH...

The click function only fills a plain `CheckOptions`; `execute()` runs the check and writes the reports,
so option parsing is tested apart from execution.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from ipmeasures.commands._common import (
    calendar_option,
    catalog_from,
    ensure_writable,
    force_option,
    format_option,
    load_calendar_option,
    load_waivers_option,
    max_bytes_option,
    output_stream,
    refuse_output_among_reports,
    settings,
    stdout_is_terminal,
    terminal_width,
    today_option,
    waivers_option,
    warn_days_option,
    write_file,
    write_stdout,
    write_stdout_bytes,
)
from ipmeasures.commands.completer import completer
from ipmeasures.commands.stdout import stdout_stream
from ipmeasures.destination import check_destination, is_stdout
from ipmeasures.errors import IpmError, UsageError
from ipmeasures.i18n import _, join_names
from ipmeasures.outputs import binary_formats, describe, text_formats
from ipmeasures.reporters import DEFAULT_FORMAT, REPORTERS
from ipmeasures.sources.yamldoc import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Catalog
    from ipmeasures.supervision.calendar import Calendar


@dataclass(slots=True)
class CheckOptions:
    """Everything `ipm check` was asked to do, as parsed from the command line."""

    paths: list[str]
    fmt: str = DEFAULT_FORMAT
    outputs: list[tuple[str, str]] = field(default_factory=list)  # (format, path)
    strict: bool = False
    ignore: list[str] = field(default_factory=list)
    expect_all: bool = False
    allow_empty: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    today: dt.date | None = None
    baseline: str | None = None  # a saved --format json result
    waivers: str | None = None  # waivers.yaml
    calendar: Calendar | None = None  # loaded while parsing
    warn_days: int = 30  # lights: yellow within this many days of a milestone
    placeholders: list[str] = field(default_factory=list)  # --placeholder: more evidence placeholder words
    data_dir: str | None = None  # --data: its placeholders.yaml replaces the shipped one
    force: bool = False  # replace an existing --output file that is not ipm's earlier output of that format
    fmt_given: bool = False  # --format was on the command line (so an --output FORMAT=- must agree with it)
    quiet: bool = False  # --quiet: a person's format prints only the summary line; no summary on stderr
    coverage: bool = True  # --no-coverage: no coverage table in the stdout report


def parse_output(ctx: click.Context | None, param: click.Parameter | None, values: tuple[str, ...]
                 ) -> list[tuple[str, str]]:
    """`--output FORMAT=PATH` values -> [(format, path)]; a bad one is a usage error (exit 2)."""
    outputs = []
    for value in values:
        fmt, sep, path = value.partition("=")
        fmt = fmt.strip().lower()
        if not sep or not path:
            raise click.BadParameter(_("应写成 FORMAT=PATH，例如 sarif=ipm.sarif，这里是“{value}”。").format(
                value=value), ctx, param)
        if fmt not in REPORTERS:
            raise click.BadParameter(_("未知的格式“{fmt}”：可选 {choices}。").format(
                fmt=fmt, choices=join_names(REPORTERS)), ctx, param)
        outputs.append((fmt, path))
    return outputs


def split_ignore(ctx: click.Context | None, param: click.Parameter | None, values: tuple[str, ...]) -> list[str]:
    """`--ignore a --ignore b,c` -> [a, b, c]."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


@click.command(help=_("""检查各单位报送的落实情况报告（YAML 或 Excel），找出缺报的职责、缺少佐证的“已完成”、写错的编号等问题。

PATH 可以是文件或目录（目录会递归查找 *.yaml、*.yml、*.xlsx，跳过隐藏目录）。一个文件出错不影响其他文件的检查。
Excel 报告（需可选组件 ipmeasures[excel]）的问题位置写成工作表与单元格，例如 报告!E9。

\b
退出码：0 没有错误；1 有错误（包括无法读取的报告）；2 用法错误。
{machine} 格式的 stdout 只有文档本身，供人看的汇总写到 stderr。
报告很多时自动使用多个 CPU 核心；环境变量 IPM_JOBS=1 可关闭。

\b
例：
  ipm check reports/
  ipm check reports/ --format github --output sarif=ipm.sarif --output junit=ipm.xml
  ipm check reports/ --format json > 结果.json
  ipm check reports/ --output xlsx=检查结果.xlsx
  ipm check --expect-all --strict reports/2022-H1/""").format(machine=join_names(
    name for name in REPORTERS if REPORTERS[name].machine)))
@click.argument("paths", nargs=-1, type=click.Path(exists=True), metavar="PATH...")
@format_option(REPORTERS, default=DEFAULT_FORMAT)
@click.option("--output", "outputs", multiple=True, metavar="FORMAT=PATH", callback=parse_output,
              help=_("另外把某种格式写入文件，可重复，例如 --output sarif=ipm.sarif；只能写入文件的格式：{binary}。"
                     "PATH 为 - 时写到 stdout（代替 --format）。已存在的文件只在它是 ipm 先前写出的同格式输出时覆盖。").format(
                  binary=describe(REPORTERS, binary_formats(REPORTERS))))
@force_option
@click.option("--strict", is_flag=True, help=_("把警告也当作错误（退出码 1）。"))
@click.option("--ignore", "ignore", multiple=True, metavar="RULE", callback=split_ignore, shell_complete=completer("complete_rule_id"),
              help=_("豁免某条规则（可重复，或用逗号分隔）；被豁免的问题仍列出并标为“已豁免”。见 ipm rules。"))
@click.option("--expect-all", is_flag=True,
              help=_("要求每个承担职责的单位都有本次检查中各报告期的报告，缺少的报 missing-report。"))
@click.option("--allow-empty", is_flag=True,
              help=_("PATH 下没有任何报告文件时也算通过（默认：报错，退出码 1，以免 CI 检查了错误的目录）。"))
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help=_("与保存的 ipm check --format json 结果比较：其中已有的问题标为“基线已有”，不使退出码为 1；"
                     "只有新增的错误才失败。"))
@click.option("--placeholder", "placeholders", multiple=True, metavar="WORD",
              help=_("再把这个词当作佐证占位词（可重复）：已完成的一项，evidence 只写占位词时视为没有佐证。"
                     "默认的占位词（无、暂无、见附件、- 等）在数据目录的 placeholders.yaml 中。"))
@click.option("-q", "--quiet", is_flag=True,
              help=_("只输出一行汇总（table、markdown 格式）；json 等格式照常输出文档，但 stderr 不再写汇总。"))
@click.option("--no-coverage", "no_coverage", is_flag=True, help=_("不输出“报送情况”表（stdout 的报告中）。"))
@waivers_option
@calendar_option
@warn_days_option
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help=_("读取这个配置文件（ipm.toml，或含 [tool.ipm] 的 pyproject.toml）。默认从当前目录向上查找。"))
@click.option("--no-config", is_flag=True, help=_("不读取任何配置文件。"))
@max_bytes_option
@today_option
@click.pass_context
def command(ctx: click.Context, paths: tuple[str, ...], fmt: str, outputs: list[tuple[str, str]], force: bool,
            strict: bool,
            ignore: list[str], expect_all: bool, allow_empty: bool, baseline: str | None,
            placeholders: tuple[str, ...], quiet: bool, no_coverage: bool, waivers: str | None,
            calendar: str | None, warn_days: int,
            config_file: str | None, no_config: bool, max_bytes: int, today: dt.datetime | None) -> None:
    options = CheckOptions(paths=list(paths), fmt=fmt, outputs=outputs, strict=strict, ignore=ignore,
                           expect_all=expect_all, allow_empty=allow_empty, max_bytes=max_bytes,
                           today=today.date() if today else None, baseline=baseline, waivers=waivers,
                           calendar=load_calendar_option(ctx, calendar), warn_days=warn_days,
                           placeholders=list(placeholders), data_dir=settings(ctx).data_dir, force=force,
                           quiet=quiet, coverage=not no_coverage)
    options.fmt_given = ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT
    if not no_config:
        from ipmeasures.config import find_config, load_config

        path = config_file or find_config()
        if path is not None:
            apply_config(options, load_config(path), given=given_options(ctx))
    if not options.paths:
        raise click.UsageError(_("缺少 PATH：请写出要检查的报告文件或目录，或在配置文件（ipm.toml 或 pyproject.toml 的 "
                                 "[tool.ipm]）中写 paths = [\"reports\"]。"), ctx)
    ctx.exit(execute(options, catalog_from(ctx)))


def given_options(ctx: click.Context) -> set[str]:
    """The parameters the command line set (not left at their defaults), `lang` included."""
    from click.core import ParameterSource

    given = {name for name in ctx.params if ctx.get_parameter_source(name) not in (None, ParameterSource.DEFAULT)}
    if ctx.find_root().get_parameter_source("lang") not in (None, ParameterSource.DEFAULT):
        given.add("lang")
    return given


def apply_config(options: CheckOptions, config, *, given: set[str]) -> None:
    """Fill the options the command line left at their defaults from the settings file (`ipmeasures.config`)."""
    from ipmeasures.config import ConfigError
    from ipmeasures.i18n import set_language

    values = config.values
    if "paths" not in given and "paths" in values:
        options.paths = [config.resolve(path) for path in values["paths"]]
        for path in options.paths:
            if not os.path.exists(path):
                raise ConfigError(_("paths 中的 {path} 不存在：请改为报告所在的目录。").format(path=path), config.path,
                                  field="paths")
    if "fmt" not in given and "format" in values:
        if values["format"] not in text_formats(REPORTERS):
            raise ConfigError(_("format 只能是 {choices}。").format(choices=join_names(text_formats(REPORTERS))),
                              config.path, field="format")
        options.fmt = values["format"]
        options.fmt_given = True
    if "outputs" not in given and "output" in values:
        try:
            outputs = parse_output(None, None, tuple(values["output"]))
        except click.BadParameter as exc:
            raise ConfigError(exc.message, config.path, field="output") from None
        options.outputs = [(fmt, path if is_stdout(path) else config.resolve(path)) for fmt, path in outputs]
    for name, key in (("strict", "strict"), ("expect_all", "expect-all"), ("allow_empty", "allow-empty"),
                      ("max_bytes", "max-bytes")):
        if name not in given and key in values:
            setattr(options, name, values[key])
    if "ignore" not in given and "ignore" in values:
        options.ignore = split_ignore(None, None, tuple(values["ignore"]))
    if "placeholders" not in given and "placeholders" in values:
        options.placeholders = list(values["placeholders"])
    if "language" in values and "lang" not in given and not os.environ.get("IPM_LANG"):
        set_language(values["language"])


def execute(options: CheckOptions, catalog: Catalog) -> int:
    """Check, streaming each report's findings to the stdout report and every --output file as it is
    checked; return the exit code."""
    from ipmeasures.check.engine import check_stream
    from ipmeasures.errors import EXIT_FINDINGS, EXIT_OK
    from ipmeasures.escaping import inert
    from ipmeasures.reporters import get_reporter
    from ipmeasures.reporters.base import summary_line
    from ipmeasures.sources.yamldoc import LIBYAML
    from ipmeasures.supervision.results import report_record_json

    if not LIBYAML:
        click.echo(_("警告：PyYAML 没有 libyaml 加速（yaml.CSafeLoader 不可用），检查会慢很多。"
                     "请安装带 libyaml 的 PyYAML（pip install --force-reinstall pyyaml）。"), err=True)
    stdout_fmt, files = split_stdout(options)
    outputs = [(get_reporter(fmt), fmt, path) for fmt, path in files]  # a missing extra stops us here
    # a bad baseline is known before checking; only its fingerprints are kept
    baseline = None
    if options.baseline:
        from ipmeasures.supervision.baseline import Baseline  # hashlib and all: only when asked for

        baseline = Baseline(str(options.baseline))
    waivers = load_waivers_option(options.waivers, catalog)
    for fmt, path in files:  # an --output that cannot be written is known before checking
        ensure_writable(path)
        refuse_output_among_reports(path, options.paths)
        check_destination(path, f"check:{fmt}", force=options.force)
    from ipmeasures.report.placeholders import load_placeholders

    # a format that has no colour ignores it
    reporter = get_reporter(stdout_fmt, color=stdout_is_terminal() and "NO_COLOR" not in os.environ,
                            width=terminal_width())
    human = not (reporter.machine or reporter.binary)  # a person reads stdout
    formats = [reporter, *(output for output, _fmt, _path in outputs)]
    wants_records = any(r.reads_reports for r in formats)
    # Each report's statuses and lights: only the JSON document carries them; made where the report is checked.
    record = (functools.partial(report_record_json, catalog=catalog, warn_days=options.warn_days)
              if wants_records else None)
    # Every format of the run reads the findings only as one same text, and nothing marks them after the check:
    # the text is made where each report is checked, and sent instead of the findings (Reporter.findings_text).
    texts = {type(r).findings_text for r in formats}
    findings_text = next(iter(texts)) if len(texts) == 1 and baseline is None else None
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    stream = check_stream(options.paths, catalog, strict=options.strict, ignore=options.ignore,
                          expect_all=options.expect_all, max_bytes=options.max_bytes, today=options.today,
                          placeholders=load_placeholders(options.data_dir, options.placeholders), waivers=waivers,
                          calendar=options.calendar, record=record, findings_text=findings_text)
    if not stream.files and not options.allow_empty:
        raise IpmError(_("在 {paths} 下没有找到报告文件（*.yaml、*.yml、*.xlsx）：请检查路径。"
                         "确实还没有报告时，加 --allow-empty。").format(paths=join_names(options.paths)))
    rules = rule_infos()
    lit: list[str] = []  # red lights (亮灯), for people reading the table
    waived = 0
    with contextlib.ExitStack() as stack:
        sinks = []  # (reporter, whether it shows the coverage table)
        if not reporter.binary and not (human and options.quiet):
            sinks.append((reporter, options.coverage))
            out = stack.enter_context(stdout_stream(machine=reporter.machine))
            reporter.begin(out, rules=rules)
        for output, fmt, path in outputs:
            if not output.binary:
                output.begin(stack.enter_context(output_stream(path, f"check:{fmt}", force=options.force)), rules=rules)
                sinks.append((output, True))
        # Binary formats (xlsx) build their file row by row as well; its bytes are written once it is whole.
        binaries = [r for r in formats if r.binary]
        for binary in binaries:
            binary.begin(None, rules=rules)
        # what a format writes beside its document (GitHub's job summary), once per format
        companions = [c for c in (cls.companion(rules) for cls in dict.fromkeys(type(r) for r in formats)) if c]
        feeds = [sink for sink, _coverage in sinks] + binaries + [companion.reporter for companion in companions]

        for report in stream:
            if baseline is not None:  # marked new or persisting as they come (supervision.baseline.Baseline)
                report = dataclasses.replace(report, findings=baseline.mark(report.findings))
            for sink in feeds:
                sink.add(report)
            waived += sum(1 for f in report.findings if f.waiver is not None)
            if human and not options.quiet and report.summary is not None:
                lit += red_duties([report.summary], catalog, options.warn_days)
        run = stream.finish()
        run = dataclasses.replace(run, rules=rules, started=started, duration=time.perf_counter() - clock)
        exit_code = run.exit_code
        waived += sum(1 for f in run.findings if f.waiver is not None)
        if baseline is not None:
            run = dataclasses.replace(run, findings=baseline.mark(run.findings), resolved=baseline.resolved())
            exit_code = EXIT_FINDINGS if baseline.new_errors else EXIT_OK
        tail = run
        if lit:
            # Before the coverage and the summary line, so that the summary stays the last thing a person reads.
            click.echo(_("红灯 {n} 项：{duties}").format(n=len(lit), duties=inert(join_names(lit))), err=True)
        for sink, coverage in sinks:
            sink.end(tail if coverage else dataclasses.replace(tail, coverage=[]))
        for binary in binaries:
            binary.end(tail)
        for companion in companions:
            companion.close(tail)
    if reporter.binary:
        write_stdout_bytes(reporter.output_bytes(), binary=True)
    elif human and options.quiet:
        write_stdout(summary_line(run) + "\n")
    for output, fmt, path in outputs:
        if output.binary:
            write_file(path, output.output_bytes(), kind=f"check:{fmt}", force=options.force)
    if not human and not options.quiet:
        click.echo(summary_line(run), err=True)
    if waivers is not None:
        click.echo(_("豁免清单 {path}：{n} 个问题经豁免（计入已豁免）。").format(path=inert(str(options.waivers)), n=waived),
                   err=True)
    if baseline is not None:
        click.echo(_("与基线 {path} 相比：新增 {new}（其中错误 {errors}），基线已有 {persisting}，已解决 {resolved}").format(
            path=inert(str(options.baseline)), new=baseline.count("new"), errors=baseline.new_errors,
            persisting=baseline.count("persisting"), resolved=baseline.count("resolved")), err=True)
    return exit_code


def red_duties(summaries: list, catalog: Catalog, warn_days: int) -> list[str]:
    """`单位 措施 6` for each duty whose light is red in a checked report (亮灯), for people reading the table."""
    from ipmeasures.supervision.lights import RED, summary_lights
    from ipmeasures.supervision.results import duty_ref
    from ipmeasures.supervision.views import duty_text

    names = []
    for summary in summaries:
        for (kind, number), shade in summary_lights(summary, catalog, warn_days=warn_days).items():
            if shade == RED:
                duty = duty_text(number if kind == "measure" else None, number if kind == "task" else None)
                names.append(f"{summary.unit} {duty or duty_ref(catalog, kind, number)}")
    return names


def split_stdout(options: CheckOptions) -> tuple[str, list[tuple[str, str]]]:
    """The format of the one document on stdout, and the --output files: `--output FORMAT=-` is stdout.

    Two documents cannot share stdout: a second `=-`, or a --format that differs from it, is a usage error.
    """
    to_stdout = [fmt for fmt, path in options.outputs if is_stdout(path)]
    files = [(fmt, path) for fmt, path in options.outputs if not is_stdout(path)]
    if not to_stdout:
        return options.fmt, files
    if len(to_stdout) > 1 or (options.fmt_given and options.fmt != to_stdout[0]):
        raise UsageError(_("stdout 只能有一份文档：--output {fmt}=- 与 --format、其他 --output …=- 只能取其一。").format(
            fmt=to_stdout[0]))
    return to_stdout[0], files


def rule_infos() -> dict:
    """RuleInfo for every rule, for the reporters (SARIF rule descriptors, JUnit)."""
    from ipmeasures.reporters import RuleInfo
    from ipmeasures.rules import RULES, help_text, summary

    return {rule_id: RuleInfo(id=rule_id, severity=module.SEVERITY, summary=summary(module),
                              help=help_text(module)) for rule_id, module in RULES.items()}
