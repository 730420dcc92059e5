"""YAML reading that remembers line numbers, so every seed error can say where it is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（是否拼写错误？）",
    "string_too_short": "不能为空",
    "too_short": "至少需要一项",
    "float_parsing": "必须是数字",
    "float_type": "必须是数字",
    "list_type": "必须是列表",
    "string_type": "必须是文字",
    "dict_type": "必须是键值对象",
    "model_type": "必须是键值对象",
}


# libyaml's parser when PyYAML was built with it (about 6× faster on the seed), the pure-Python one otherwise;
# parsing once into nodes keeps the line numbers and builds the data from the same nodes.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SeedError(ValueError):
    """Problems found in seed or import files, one plain-Chinese line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class YamlDocument:
    """A parsed YAML file with a way back from a value's path to its line."""

    def __init__(self, path: Path, display_name: str) -> None:
        self.path = path
        self.display_name = display_name
        text = path.read_text(encoding="utf-8")
        loader = _Loader(text)
        try:
            self.root = loader.get_single_node()
            self.data: Any = (loader.construct_document(self.root) if self.root is not None else None) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f"第 {mark.line + 1} 行" if mark else ""
            raise SeedError([f"{display_name} {line}：YAML 格式错误：{getattr(exc, 'problem', exc)}"]) from exc
        finally:
            loader.dispose()

    def line(self, loc: Sequence[str | int]) -> int | None:
        node = self.root
        last_line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                match = next((value for key, value in node.value if key.value == part), None)
                if match is None:
                    break
                node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                break
            last_line = node.start_mark.line + 1
        return last_line

    def where(self, loc: Sequence[str | int]) -> str:
        line = self.line(loc)
        return f"{self.display_name} 第 {line} 行" if line else self.display_name

    def validation_problems(self, error: ValidationError) -> list[str]:
        problems = []
        for item in error.errors():
            loc = [part for part in item["loc"] if isinstance(part, str | int)]
            field = ".".join(str(p) for p in loc)
            if item["type"] in ("enum", "literal_error"):
                message = f"取值不在允许范围内，应为 {item.get('ctx', {}).get('expected', '')}"
            elif item["type"] == "value_error":
                message = str(item["msg"]).removeprefix("Value error, ")
            else:
                message = _PYDANTIC_MESSAGES.get(item["type"], item["msg"])
            problems.append(f"{self.where(loc)}：{field}：{message}")
        return problems
