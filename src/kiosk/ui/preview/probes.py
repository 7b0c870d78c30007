"""Films and sounds probed once per version of the file, not once per save.

Probing a film takes a child process and a second or two (kiosk.media.probe); the
preview loads the bundle again at every save, and a curator saving a text should see
it at once. A file is probed again when its size or modification time changes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from kiosk.bundle.avfacts import AVFacts, AVRequest
from kiosk.bundle.media import MediaCheck
from kiosk.qtmedia import QT_MEDIA

#: Versions of files remembered; a zip's films are copied out afresh at every load,
#: so their entries are never asked for again and fall out.
REMEMBERED = 64

_Key = tuple[str, int, int, tuple[float, ...]]


class RememberedProbes:
    """A media check that is ``check`` but answers for a film already probed from memory."""

    def __init__(self, check: MediaCheck = QT_MEDIA) -> None:
        self._check = check
        self._known: OrderedDict[_Key, AVFacts] = OrderedDict()
        #: How many files were probed in all (for tests: a save of the text probes none).
        self.probed = 0

    def image_problem(self, suffix: str, data: bytes, *, decode: bool) -> str | None:
        return self._check.image_problem(suffix, data, decode=decode)

    def svg_problem(self, data: bytes) -> str | None:
        return self._check.svg_problem(data)

    def font_problem(self, data: bytes) -> str | None:
        return self._check.font_problem(data)

    def av_facts(self, requests: Sequence[AVRequest]) -> list[AVFacts | None]:
        keys = [_key(request) for request in requests]
        wanted = [
            request for request, key in zip(requests, keys, strict=True) if key not in self._known
        ]
        answers = iter(self._check.av_facts(wanted) if wanted else ())
        self.probed += len(wanted)
        results: list[AVFacts | None] = []
        for key in keys:
            if key in self._known:
                self._known.move_to_end(key)
                results.append(self._known[key])
                continue
            answer = next(answers)
            # A failure may be the machine's (a probe timed out under load): asked again.
            if key is not None and answer is not None and answer.problem is None:
                self._known[key] = answer
                while len(self._known) > REMEMBERED:
                    self._known.popitem(last=False)
            results.append(answer)
        return results


def _key(request: AVRequest) -> _Key | None:
    try:
        status = request.path.stat()
    except OSError:
        return None
    return (str(request.path.resolve()), status.st_size, status.st_mtime_ns, request.frames_at)
