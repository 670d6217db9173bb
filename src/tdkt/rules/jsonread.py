"""Strict readers for JSON values: each names the key path at fault in a Vietnamese message.

`candidate.titles[0].code`-style paths are built by the callers; these functions only check one
value each and raise `ContractError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from tdkt.rules.dates import parse_iso
from tdkt.rules.errors import ContractError

E = TypeVar("E", bound=Any)


# No question of the contract nests deeper than a few levels; a hostile body nested thousands deep
# would otherwise end in a RecursionError.
MAX_DEPTH = 32
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def nesting_depth(text: str) -> int:
    """How deep the arrays and objects of a JSON text nest (brackets inside strings ignored)."""
    depth = deepest = 0
    for token in _TOKEN.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def parse_json(text: str) -> Any:
    if nesting_depth(text) > MAX_DEPTH:
        raise ContractError(f"JSON lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except RecursionError as exc:
        raise ContractError(f"JSON lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).") from exc
    except json.JSONDecodeError as exc:
        raise ContractError(
            f"Nội dung không phải JSON hợp lệ: {exc.msg} (dòng {exc.lineno}, cột {exc.colno})"
        ) from exc


def show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def check_keys(obj: Mapping[str, Any], path: str, allowed: Any, required: Any) -> None:
    for key in obj:
        if key not in allowed:
            where = f"{path}.{key}" if path else key
            raise ContractError(f"Khoá không được hỗ trợ: '{where}'")
    for key in sorted(required):
        if key not in obj:
            where = f"{path}.{key}" if path else key
            raise ContractError(f"Thiếu khoá bắt buộc: '{where}'")


def as_object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContractError(
            f"Giá trị ở '{path}' phải là một đối tượng JSON, nhận được {show(value)}"
        )
    return value


def as_list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise ContractError(f"Giá trị ở '{path}' phải là một danh sách, nhận được {show(value)}")
    return value


def as_str(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ContractError(f"Giá trị ở '{path}' phải là chuỗi khác rỗng, nhận được {show(value)}")
    return value


def as_bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise ContractError(f"Giá trị ở '{path}' phải là true hoặc false, nhận được {show(value)}")
    return value


def as_int(value: Any, path: str, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ContractError(f"Giá trị ở '{path}' phải là số nguyên, nhận được {show(value)}")
    if minimum is not None and value < minimum:
        raise ContractError(f"Giá trị ở '{path}' phải từ {minimum} trở lên, nhận được {value}")
    return value


def as_date(value: Any, path: str) -> date:
    try:
        if isinstance(value, str):
            return parse_iso(value)
    except ValueError:
        pass
    raise ContractError(f"Ngày không hợp lệ ở '{path}': {show(value)} (cần dạng YYYY-MM-DD)")


def year_key(key: str, path: str) -> int:
    if len(key) != 4 or not key.isdigit():
        raise ContractError(f"Năm không hợp lệ ở '{path}': {show(key)} (cần 4 chữ số)")
    return int(key)


def as_code(enum: type[E], value: Any, path: str, allowed: Any = None) -> E:
    choices = list(allowed) if allowed is not None else [m.value for m in enum]
    if not isinstance(value, str) or value not in choices:
        raise ContractError(
            f"Mã không hợp lệ ở '{path}': {show(value)} (các mã hợp lệ: {', '.join(choices)})"
        )
    return enum(value)


def as_choice(value: Any, path: str, allowed: Any) -> str:
    choices = list(allowed)
    if not isinstance(value, str) or value not in choices:
        raise ContractError(
            f"Mã không hợp lệ ở '{path}': {show(value)} (các mã hợp lệ: {', '.join(choices)})"
        )
    return value


def optional(value: Any, path: str, parse: Callable[[Any, str], Any]) -> Any:
    return None if value is None else parse(value, path)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ContractError(f"Khoá bị lặp: '{key}'")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ContractError(f"Giá trị không hợp lệ trong JSON: {name}")
