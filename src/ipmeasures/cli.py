"""The `ipm` command group: thin, lazy. Each command lives in ipmeasures/commands/<name>.py."""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any, NoReturn

import click

from ipmeasures import __version__
from ipmeasures.clicktext import install as install_click_text
from ipmeasures.commands._common import keep_settings, settings
from ipmeasures.errors import IpmError
from ipmeasures.i18n import LANGUAGES, _, set_language


def _help_formatter(*args: Any, **kwargs: Any) -> click.HelpFormatter:
    # helpformat (and its wrapping) is imported when help or a usage line is shown, not on every run
    from ipmeasures.helpformat import HelpFormatter

    return HelpFormatter(*args, **kwargs)


# Every command's help, whatever its context class: wrapped by display width, names and tokens kept whole;
# click's own words (Usage:, Options, Error: …, [default: …]) in the interface language.
click.Context.formatter_class = staticmethod(_help_formatter)  # type: ignore[assignment]
install_click_text()

# name -> (module, one-line help). The help is here so that `ipm --help` imports no command module.
COMMANDS: dict[str, tuple[str, str]] = {
    "owner": ("owner", _("某单位承担的全部职责（措施与任务）。例：ipm owner {unit}")),
    "units": ("units", _("全部责任单位及其承担的措施、任务数。例：ipm units --sort load")),
    "measures": ("measures", _("按部分列出全部措施。例：ipm measures")),
    "measure": ("measure", _("一条措施的全文、责任单位与相关任务。例：ipm measure 1")),
    "tasks": ("tasks", _("列出附件主要任务。例：ipm tasks")),
    "task": ("task", _("一项主要任务的内容、责任单位与对应措施。例：ipm task 1")),
    "search": ("search", _("在措施与任务中查找词语。例：ipm search 词语")),
    "matrix": ("matrix", _("单位 × 措施/任务 责任矩阵。例：ipm matrix --format csv > 矩阵.csv")),
    "validate": ("validate", _("校验政策数据文件。例：ipm validate --data ./data")),
    "check": ("check", _("检查各单位报送的落实情况报告。例：ipm check reports/")),
    "fix": ("fix", _("修正报告中全角冒号、全角空格缩进、编码等机械错误，显示改动。例：ipm fix 报告.yaml --write")),
    "template": ("template", _("生成某单位的落实情况报告模板。例：ipm template {unit} -o {unit}.yaml")),
    "convert": ("convert", _("在 Excel 工作簿与 YAML 之间转换报告。例：ipm convert {unit}.xlsx -o {unit}.yaml")),
    "ledger": ("ledger", _("由各期报告生成任务落实台账。例：ipm ledger reports/ -o 台账.xlsx")),
    "diff": ("diff", _("比较两期报告：新增、仍存在、已解决的问题与状态退步。例：ipm diff reports/2022-H1 reports/2022-H2")),
    "summary": ("summary", _("按单位汇总一期的落实情况，供通报排名。例：ipm summary --by-unit reports/2022-H2 --sort red")),
    "dashboard": ("dashboard", _("由报告生成离线 HTML 看板。例：ipm dashboard reports/ -o dashboard.html")),
    "import": ("import_", _("把任务分工文件读成数据（条目、责任单位、时限）。例：ipm import 分工方案.docx")),
    "schema": ("schema", _("输出报告格式的 JSON Schema。例：ipm schema > report.schema.json")),
    "rules": ("rules", _("列出检查规则。例：ipm rules")),
    "completion": ("completion", _("输出 bash/zsh/fish 的命令补全脚本。例：eval \"$(ipm completion bash)\"")),
}


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # Not click.version_option: it imports `locale` and more, a cost on every run.
    if value and not ctx.resilient_parsing:
        click.echo(f"ipm, version {__version__}")
        ctx.exit()


def _show_help(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_command_help(ctx) if ctx.parent is not None else ctx.get_help(), color=ctx.color)
        ctx.exit()


def _command_help(ctx: click.Context) -> str:
    """A command's help with the `{unit}` examples of its text and options naming a unit of the loaded document
    (helpwords). The command objects are shared, so their texts are put back afterwards."""
    from ipmeasures.helpwords import fill

    words = _help_words(ctx)
    texts: list[click.Command | click.Option] = [ctx.command]
    texts += [p for p in ctx.command.params if isinstance(p, click.Option) and p.help]
    saved = [item.help for item in texts]
    try:
        for item in texts:
            item.help = fill(item.help or "", words)
        return ctx.get_help()
    finally:
        for item, text in zip(texts, saved, strict=True):
            item.help = text


def _own_help_option(self: click.Command, ctx: click.Context) -> click.Option | None:
    """A translated -h/--help. click's own calls its gettext, which imports `locale` on every run."""
    names = self.get_help_option_names(ctx)
    if not names or not self.add_help_option:
        return None
    if id(self) not in _HELP_OPTIONS:
        _HELP_OPTIONS[id(self)] = click.Option(names, is_flag=True, is_eager=True, expose_value=False,
                                               callback=_show_help, help=_("显示帮助并退出。"))
    return _HELP_OPTIONS[id(self)]


_HELP_OPTIONS: dict[int, click.Option] = {}  # per command object; commands live as long as the process


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (click docs: lazy subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"ipmeasures.commands.{COMMANDS[cmd_name][0]}")
        command = module.command
        command.get_help_option = types.MethodType(_own_help_option, command)
        return command

    get_help_option = _own_help_option

    def invoke(self, ctx: click.Context):
        """The one place an IpmError becomes a message on stderr and an exit code: no traceback."""
        try:
            return super().invoke(ctx)
        except IpmError as exc:
            click.echo(exc.render(), err=True)
            ctx.exit(exc.exit_code)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The help names the loaded document and one of its units, so no other document's words show."""
        from ipmeasures.helpwords import fill

        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(fill(self.help or "", _help_words(ctx)))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from ipmeasures.helpwords import fill

        words = _help_words(ctx)
        rows = [(name, fill(help_text, words)) for name, (_module, help_text) in COMMANDS.items()]
        with formatter.section(_("命令")):
            formatter.write_dl(rows)


def _help_words(ctx: click.Context) -> dict[str, str]:
    """What the help's placeholders stand for (helpwords.help_words): the loaded document's name and one of
    its units; neutral words when no data loads.

    Only `--help` calls this: `--data` is eager, so `ipm --data DIR --help` describes DIR's document. It reads
    the compiled data cache, never the models.
    """
    from ipmeasures import i18n
    from ipmeasures.helpwords import help_words

    english = i18n.language == "en"
    try:
        from ipmeasures.policy.loader import load_compiled_as

        # a cache that help_words cannot read is rebuilt (loader.load_compiled_as)
        return load_compiled_as(settings(ctx).data_dir, lambda compiled: help_words(compiled, english=english))
    except (IpmError, OSError):
        return help_words(None, english=english)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, help=_("""\
ipm：{document}的责任分工查询与落实情况检查。

\b
例：
  ipm owner 单位名            查看该单位承担的全部职责
  ipm template 单位名         生成该单位的落实情况报告模板
  ipm check reports/          检查报送的落实情况报告

退出码：0 正常；1 发现问题或输入无效；2 用法错误（未知选项、未知或有歧义的单位名）。"""))
@click.option("--data", "data_dir", envvar="IPM_DATA", metavar="DIR", is_eager=True, expose_value=False,
              callback=keep_settings, help=_("政策数据目录（默认使用随包数据）；也可用环境变量 IPM_DATA。"))
@click.option("--lang", type=click.Choice(LANGUAGES), is_eager=True, expose_value=False,
              callback=lambda ctx, param, value: set_language(value) if value else None,
              help=_("界面语言：zh 中文（默认），en 英文；也可用环境变量 IPM_LANG。"))
@click.option("-V", "--version", is_flag=True, is_eager=True, expose_value=False, callback=_print_version,
              help=_("显示版本并退出。"))
def cli() -> None:
    """The `ipm` group; --data is kept for the commands in ctx.obj (commands._common.Settings) by its callback.
    Its user help is `help=` above, which goes through _() like every other text (click prefers `help=` to
    the docstring)."""


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: the command, then a last flush of stdout, with no traceback either way.

    The commands' own writes handle a failed stdout (commands._common.stdout_failed); this catches what
    click writes itself (help, version, completion scripts) and the final flush.
    """
    code: int | str | None = 0
    try:
        cli.main(args=argv, prog_name="ipm")
    except SystemExit as done:
        code = done.code
    except OSError as exc:  # click re-raises a failed write that is not a broken pipe
        code = _output_failed(exc)
    try:
        sys.stdout.flush()
    except OSError as exc:
        code = _output_failed(exc) or code
    _exit(code)


def _exit(code: int | str | None) -> NoReturn:
    """End the process as sys.exit(code) would, but without the interpreter's teardown: freeing every module
    and object one by one costs a short command about 8 ms, a sixth of its run, and nothing is left to do by
    then (every output is written and closed, temporary files are unlinked when they are made, workers are
    reaped). stdout is flushed already; stderr is flushed here."""
    if isinstance(code, str):  # sys.exit("message"): the message on stderr, exit 1
        sys.stderr.write(code + "\n")
        code = 1
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code or 0)


def _output_failed(exc: OSError) -> int:
    """Say that stdout could not be written (quietly for a broken pipe); the exit code it calls for."""
    from ipmeasures.commands._common import stdout_failed
    from ipmeasures.errors import OutputError

    try:
        stdout_failed(exc)
    except OutputError as error:
        click.echo(error.render(), err=True)
        return error.exit_code
    return 0


__all__ = ["cli", "main"]
