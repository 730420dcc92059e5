"""What a person sees when a `chainkg` command cannot do its work: one Chinese line and a non-zero exit.

Every command runs inside `CommandGroup.main`, the one place that turns errors into `错误：…` lines:
- problems the code explains itself (StoreError, SeedError, ImportFileError) keep their message;
- file-system errors (OSError: a missing or unwritable directory, a directory where a file belongs)
  and click's usage errors (written in English by click) are translated here;
- anything else is a bug: reported as one line too, with the traceback only when CHAINKG_DEBUG=1.
Exit codes: 1 when the work failed, 2 when the command line itself is wrong (click's convention).
"""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click
from click.exceptions import NoArgsIsHelpError
from click.utils import PacifyFlushWrapper

from graph.store import StoreError, os_error_message
from loaders.importing import ImportFileError
from loaders.yaml_lines import SeedError

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
MAX_LINE = 300


# click's own messages (stable gettext message ids) and what a Chinese reader should see instead.
_CLICK_MESSAGES = [
    (r"No such command '(?P<v>.*)'\.", "没有命令“{v}”"),
    (r"Missing command\.", "缺少命令"),
    (r"Got unexpected extra arguments? \((?P<v>.*)\)", "多余的参数：{v}"),
    (r"Option '(?P<v>.*)' requires (an argument|\d+ arguments)\.", "选项 {v} 后面缺少值"),
    (r"Option '(?P<v>.*)' does not take a value\.", "选项 {v} 不接受值"),
    (r"No such option:? '?(?P<v>[^'.]*)'?\.?", "没有选项 {v}"),
    (r"'(?P<v>.*)' is not (one of )?(?P<c>'.*')\.", "“{v}”不是可选的值，可选：{c}"),
    (r"(?P<v>.*) is not in the range (?P<c>.*)\.", "{v} 超出了允许的范围 {c}"),
    (r"'(?P<v>.*)' is not a valid (integer|float|integer range|float range)\.", "“{v}”不是有效的数字"),
    (r"(File|Directory|Path) '(?P<v>.*)' does not exist\.", "“{v}”不存在"),
    (r"(File|Directory|Path) '(?P<v>.*)' is a file\.", "“{v}”是文件，这里需要目录"),
    (r"(File|Directory|Path) '(?P<v>.*)' is a directory\.", "“{v}”是目录，这里需要文件"),
    (r"(File|Directory|Path) '(?P<v>.*)' is not readable\.", "“{v}”没有读取权限"),
    (r"(File|Directory|Path) '(?P<v>.*)' is not writable\.", "“{v}”没有写入权限"),
]


def _click_text(message: str) -> str:
    """click's English message in Chinese (kept as it is when it is already ours)."""
    for pattern, chinese in _CLICK_MESSAGES:
        found = re.fullmatch(pattern, message.strip())
        if found:
            values = {key: value.replace("', '", "、").strip("'") for key, value in found.groupdict().items()}
            return chinese.format(**values)
    return message.rstrip("。.")


def _param_name(param: click.Parameter | None) -> str:
    if param is None:
        return "参数"
    if isinstance(param, click.Option):
        return "/".join(param.opts)
    return param.human_readable_name


def usage_message(exc: click.UsageError) -> str:
    """A usage error in Chinese, with where to read the command's usage."""
    if isinstance(exc, click.MissingParameter):
        kind = "选项" if isinstance(exc.param, click.Option) else "参数"
        text = f"缺少{kind} {_param_name(exc.param)}"
    elif isinstance(exc, click.BadParameter):
        text = f"{_param_name(exc.param)} 的值不对：{_click_text(exc.message)}"
    elif isinstance(exc, click.NoSuchOption):
        text = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            text += f"，是不是要用 {'、'.join(exc.possibilities)}"
    else:
        text = _click_text(exc.message)
    where = exc.ctx.command_path if exc.ctx else "chainkg"
    return f"{text}。可用 `{where} --help` 查看用法。"


def one_line(text: str) -> str:
    """One line a terminal shows as it is: whitespace collapsed, control and invisible characters escaped,
    and an absurdly long one (a pasted path) cut in the middle so the advice at its end stays."""
    collapsed = " ".join(text.split())
    line = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in collapsed)
    return line if len(line) <= MAX_LINE else f"{line[: MAX_LINE // 2]}…{line[-MAX_LINE // 2 :]}"


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    click.echo(f"错误：{one_line(message)}", err=True)
    sys.exit(code)


class CommandGroup(click.Group):
    """A click group whose commands never end in a traceback (see the module docstring)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.Abort:
            fail("已中断。", EXIT_INTERRUPTED)
        except NoArgsIsHelpError as exc:  # `chainkg` or `chainkg import` alone: the help is the answer
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            fail(usage_message(exc), exc.exit_code)
        except click.ClickException as exc:
            fail(_click_text(exc.format_message()), exc.exit_code)
        except (StoreError, SeedError, ImportFileError) as exc:
            fail(str(exc))
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # the reader of our output went away (`chainkg export | head`)
                sys.stdout = PacifyFlushWrapper(sys.stdout)  # as click does itself: no error at exit's flush
                sys.exit(EXIT_FAILED)
            fail(os_error_message(exc))
        except Exception as exc:
            if os.environ.get("CHAINKG_DEBUG"):
                raise
            fail(
                f"意外的内部错误（{type(exc).__name__}：{exc}）。请把这一行和所用的命令告诉维护者；"
                "设置环境变量 CHAINKG_DEBUG=1 再运行可看到详细信息。"
            )
        sys.exit(code if isinstance(code, int) else 0)
