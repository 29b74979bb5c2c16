"""The one error type for bad vote data.

Every check in the package raises :class:`VoteDataError` so that a notebook,
a test or the command line can catch one thing. The message always says
where (file and line, or motion) and what value was wrong, because a
researcher has to be able to open the file and see the problem.
"""

from __future__ import annotations

from pathlib import Path


class VoteDataError(ValueError):
    """Bad vote data: a wrong code, a missing column, a tally that does not add up.

    Attributes ``file``, ``line`` and ``value`` hold the location and the
    offending value where they are known (else ``None``); ``str(error)`` is a
    one-line message that names them.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        value: object = None,
        motion: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.line = line
        self.value = value.item() if hasattr(value, "item") else value  # numpy scalars print plainly
        self.motion = motion
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file if self.line is None else f"{self.file}, line {self.line}")
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.motion is not None:
            where.append(f"motion {self.motion}")
        text = self.problem
        if self.value is not None:
            text += f": {self.value!r}"
        message = f"{': '.join(where)}: {text}" if where else text
        return " ".join(message.split())  # always one line
