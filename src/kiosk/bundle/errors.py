"""Problems found in a bundle, and the error that carries all of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in a bundle, with the place a curator should look."""

    file: str
    message: str
    line: int | None = None
    key: str | None = None
    #: 1-based, in characters, where known (TOML syntax errors).
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.line and self.column:
            where += f":{self.column}"
        what = f"{self.key}: {self.message}" if self.key else self.message
        return f"{where}: {what}"


class BundleError(Exception):
    """A bundle could not be loaded; ``problems`` lists every mistake found."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("BundleError needs at least one problem")
        self.problems = list(problems)
        #: Warnings found on the way (see Bundle.warnings), to print with the problems.
        self.warnings: list[Problem] = []
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @classmethod
    def single(cls, file: str, message: str, **place: object) -> BundleError:
        return cls([Problem(file, message, **place)])  # type: ignore[arg-type]
