"""The shell_complete callbacks the commands declare, resolved only when a shell asks for candidates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


def completer(name: str) -> Callable[[click.Context, click.Parameter, str], list[Any]]:
    """The shell_complete callback `ipmeasures.completion.<name>`, imported only when a shell asks for
    candidates: a command's import (every run of it) does not pay for the completion module."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from ipmeasures import completion

        callback: Callable[[click.Context, click.Parameter, str], list[Any]] = getattr(completion, name)
        return callback(ctx, param, incomplete)

    return complete
