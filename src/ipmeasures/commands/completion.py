"""ipm completion SHELL"""

from __future__ import annotations

import click

from ipmeasures.commands._common import write_stdout
from ipmeasures.completion import SHELLS
from ipmeasures.i18n import _


@click.command(help=_("""输出 bash、zsh 或 fish 的命令补全脚本。

补全命令、选项、单位名称（中文简称；输入拼音时为数据中的拼音，全拼或首字母）、措施与任务编号、规则编号。

\b
安装（任选其一，然后重新打开终端）：
  bash  在 ~/.bashrc 中加入：eval "$(ipm completion bash)"
        或：ipm completion bash > ~/.ipm-complete.bash，并在 ~/.bashrc 中加入 . ~/.ipm-complete.bash
  zsh   在 ~/.zshrc 中（compinit 之后）加入：eval "$(ipm completion zsh)"
  fish  ipm completion fish > ~/.config/fish/completions/ipm.fish

\b
例：
  ipm completion bash
  eval "$(ipm completion zsh)"

bash 需 4.4 以上。也可用 click 的方式：_IPM_COMPLETE=bash_source ipm（或 zsh_source、fish_source）。"""))
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def command(ctx: click.Context, shell: str) -> None:
    from ipmeasures.completion import completion_script

    script = completion_script(ctx.find_root().command, shell)
    write_stdout(script if script.endswith("\n") else script + "\n")
