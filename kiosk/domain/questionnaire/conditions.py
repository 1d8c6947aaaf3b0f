"""The condition language of questions.toml and rules.toml, and its compiler.

A condition is a small tree (``Test``, ``All``, ``AnyOf``, ``Not``, ``PatternRef``,
``RuleRef``). ``check(ctx)`` returns None when the condition is false and, when it is true,
the (answer key, value) pairs that made it true: those become the reasons a patient reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.domain.problems import Problem
from kiosk.domain.questionnaire.model import AnswerKey
from kiosk.domain.questionnaire.model import show as _show
from kiosk.domain.toml_source import key_re as _key_re
from kiosk.domain.toml_source import value_re as _value_re

if TYPE_CHECKING:
    from kiosk.domain.questionnaire.model import Questionnaire
    from kiosk.domain.toml_source import TomlSource

TESTS = ("is", "in", "has", "has_any", "only", "gte", "lte", "answered")
COMBINATORS = ("all", "any", "not", "pattern", "rule")
Hits = list[tuple[str, Any]]

@dataclass(frozen=True)
class Test:
    """One test on one answer, e.g. ``{key = "severity", gte = 7}``."""

    key: str
    op: str
    arg: Any

    def check(self, ctx: Context) -> list[tuple[str, Any]] | None:
        """None when false; when true, the (answer key, value) pairs that made it true."""
        answers = ctx.answers
        if self.op == "answered":
            return [] if (self.key in answers) == self.arg else None
        if self.key not in answers:
            return None
        value = answers[self.key]
        if self.op == "is":
            same = value == self.arg and isinstance(value, bool) == isinstance(self.arg, bool)
            return [(self.key, value)] if same else None
        if self.op == "in":
            return [(self.key, value)] if value in self.arg else None
        if self.op == "has":
            return [(self.key, self.arg)] if self.arg in value else None
        if self.op == "has_any":
            hits = [(self.key, item) for item in value if item in self.arg]
            return hits or None
        if self.op == "only":
            # a non-empty list whose every item is one of these (e.g. every tapped area is on the foot)
            if value and all(item in self.arg for item in value):
                return [(self.key, item) for item in value]
            return None
        if self.op == "gte":
            return [(self.key, value)] if value >= self.arg else None
        if self.op == "lte":
            return [(self.key, value)] if value <= self.arg else None
        raise AssertionError(self.op)  # pragma: no cover - rejected when loading

    def describe(self) -> str:
        words = {"is": "is", "in": "is one of", "has": "includes", "has_any": "includes any of",
                 "only": "is only from",
                 "gte": "is at least", "lte": "is at most"}
        if self.op == "answered":
            return f"{self.key} is {'answered' if self.arg else 'not answered'}"
        return f"{self.key} {words[self.op]} {_show(self.arg)}"


@dataclass(frozen=True)
class All:
    items: tuple[Condition, ...]

    def check(self, ctx: Context) -> list[tuple[str, Any]] | None:
        found: list[tuple[str, Any]] = []
        for item in self.items:
            hits = item.check(ctx)
            if hits is None:
                return None
            found += hits
        return found

    def describe(self) -> str:
        return "(" + " and ".join(item.describe() for item in self.items) + ")"


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]

    def check(self, ctx: Context) -> list[tuple[str, Any]] | None:
        found: list[tuple[str, Any]] | None = None
        for item in self.items:
            hits = item.check(ctx)
            if hits is not None:
                found = (found or []) + hits
        return found

    def describe(self) -> str:
        return "(" + " or ".join(item.describe() for item in self.items) + ")"


@dataclass(frozen=True)
class Not:
    item: Condition

    def check(self, ctx: Context) -> list[tuple[str, Any]] | None:
        # "not" never gives a reason: the absence of an answer is not something the patient said
        return [] if self.item.check(ctx) is None else None

    def describe(self) -> str:
        return f"not {self.item.describe()}"


@dataclass(frozen=True)
class PatternRef:
    name: str

    def check(self, ctx: Context) -> list[tuple[str, Any]] | None:
        return ctx.pattern(self.name)

    def describe(self) -> str:
        return f"pattern {self.name}"


@dataclass(frozen=True)
class RuleRef:
    rule_id: str

    def check(self, ctx: Context) -> list[tuple[str, Any]] | None:
        return ctx.rule(self.rule_id)

    def describe(self) -> str:
        return f"rule {self.rule_id}"


Condition = Test | All | AnyOf | Not | PatternRef | RuleRef


class Context:
    """Evaluates one answer set; patterns and rules are worked out once each. Without a
    questionnaire (a question's own ``when``), a condition may only test answers."""

    def __init__(self, questionnaire: Questionnaire | None, answers: Mapping[str, Any]) -> None:
        self.questionnaire = questionnaire
        self.answers = answers
        self._memo: dict[tuple[str, str], Hits | None] = {}

    def pattern(self, name: str) -> Hits | None:
        if ("pattern", name) not in self._memo:
            assert self.questionnaire is not None, "a pattern needs the questionnaire"
            self._memo["pattern", name] = self.questionnaire.patterns[name].when.check(self)
        return self._memo["pattern", name]

    def rule(self, rule_id: str) -> Hits | None:
        if ("rule", rule_id) not in self._memo:
            assert self.questionnaire is not None, "a rule needs the questionnaire"
            self._memo["rule", rule_id] = self.questionnaire.rule(rule_id).when.check(self)
        return self._memo["rule", rule_id]


# ------------------------------------------------------------------------------ compiling

@dataclass
class Scope:
    """What a condition may refer to, and where its problems are reported."""

    src: TomlSource
    span: tuple[int, int] | None
    where: str
    keys: Mapping[str, AnswerKey]
    patterns: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)

    def report(self, message: str, *needles: str) -> None:
        self.problems.append(self.src.problem(self.span, f"{self.where}: {message}", *needles))


def compile_condition(raw: Any, scope: Scope, extra: tuple[str, ...] = ()) -> Condition | None:
    if not isinstance(raw, Mapping):
        scope.report("a condition must be a table, like {key = \"duration\", is = \"over_6_months\"}")
        return None
    words = [word for word in raw if word not in extra]
    if "key" in raw:
        tests = [word for word in words if word != "key"]
        for word in tests:
            if word not in TESTS:
                scope.report(f"unknown test '{word}' (expected one of: {', '.join(TESTS)})", _key_re(word))
                return None
        if len(tests) != 1:
            scope.report(f"a test needs exactly one of: {', '.join(TESTS)}", _key_re("key"))
            return None
        return compile_test(raw["key"], tests[0], raw[tests[0]], scope)
    used = [word for word in words if word in COMBINATORS]
    for word in words:
        if word not in COMBINATORS:
            scope.report(f"unknown word '{word}' in a condition (expected 'key' with a test, "
                         f"or one of: {', '.join(COMBINATORS)})", _key_re(word))
            return None
    if len(used) != 1:
        scope.report("a condition needs 'key' with one test, or exactly one of: " + ", ".join(COMBINATORS))
        return None
    word, arg = used[0], raw[used[0]]
    if word in ("all", "any"):
        if not isinstance(arg, list) or not arg:
            scope.report(f"'{word}' must be a non-empty list of conditions", _key_re(word))
            return None
        compiled = [compile_condition(item, scope) for item in arg]
        items = tuple(item for item in compiled if item is not None)
        if len(items) != len(compiled):
            return None
        return All(items) if word == "all" else AnyOf(items)
    if word == "not":
        item = compile_condition(arg, scope)
        return None if item is None else Not(item)
    known = scope.patterns if word == "pattern" else scope.rules
    if not isinstance(arg, str) or arg not in known:
        what = "pattern defined above" if word == "pattern" else "rule above (not an urgent one)"
        scope.report(f"'{word}' must name a {what}; no such {word}: {_show(arg)}", _value_re(arg))
        return None
    return PatternRef(arg) if word == "pattern" else RuleRef(arg)


def compile_test(key: Any, op: str, arg: Any, scope: Scope) -> Test | None:
    spec = scope.keys.get(key) if isinstance(key, str) else None
    if spec is None:
        scope.report(f"unknown answer key {_show(key)} (expected one of: {', '.join(scope.keys)})",
                     _value_re(key) if isinstance(key, str) else _key_re("key"))
        return None
    allowed = {
        "is": ("choice", "bool", "number"), "in": ("choice", "number"), "has": ("flags", "choices"),
        "has_any": ("flags", "choices"), "only": ("flags", "choices"), "gte": ("number",), "lte": ("number",),
        "answered": ("flags", "choices", "choice", "bool", "number"),
    }[op]
    if spec.kind not in allowed:
        hint = " (use 'has' or 'has_any' for a list answer)" if spec.is_list else ""
        scope.report(f"'{op}' cannot test '{key}'{hint}", _key_re(op))
        return None
    if op == "answered":
        if not isinstance(arg, bool):
            scope.report("'answered' must be true or false", _key_re(op))
            return None
        return Test(key, op, arg)
    values = arg if op in ("in", "has_any", "only") else [arg]
    if op in ("in", "has_any", "only") and (not isinstance(arg, list) or not arg):
        scope.report(f"'{op}' must be a non-empty list", _key_re(op))
        return None
    for value in values:
        problem = value_problem(spec, value)
        if problem:
            scope.report(problem, _value_re(value), _key_re(op))
            return None
    return Test(key, op, tuple(arg) if isinstance(arg, list) else arg)


def value_problem(spec: AnswerKey, value: Any) -> str | None:
    if spec.kind in ("flags", "choices", "choice"):
        if not isinstance(value, str) or value not in spec.values:
            return f"'{spec.name}' has no value {_show(value)} (expected one of: {', '.join(spec.values)})"
    elif spec.kind == "bool":
        if not isinstance(value, bool):
            return f"'{spec.name}' is true or false, not {_show(value)}"
    elif isinstance(value, bool) or not isinstance(value, int) or not spec.in_range(value):
        return f"'{spec.name}' is a whole number from {spec.low} to {spec.high}, not {_show(value)}"
    return None


def red_flag_mentions(condition: Condition | None) -> set[tuple[str, Any]]:
    """(key, value) pairs an urgent rule tests with is/has/has_any (to check coverage)."""
    if isinstance(condition, Test):
        if condition.op in ("has", "is"):
            return {(condition.key, condition.arg)}
        if condition.op in ("has_any", "only"):
            return {(condition.key, value) for value in condition.arg}
        return set()
    if isinstance(condition, All | AnyOf):
        return set().union(*(red_flag_mentions(item) for item in condition.items))
    return set()


