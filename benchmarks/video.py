"""Video paths for the kiosk, side by side on Xvfb 1920x1080 (issue 14).

A 30 s 1080p30 H.264 clip (ffmpeg's testsrc2, yuv420p, made once into benchmarks/.cache)
plays looping, muted, full screen in each player found on this machine:
  qt-widget      QMediaPlayer into a QVideoWidget (the naive Qt way);
  qt-item        QMediaPlayer into a QGraphicsVideoItem in a QGraphicsView;
  qt-sink-gui    QMediaPlayer -> QVideoSink, QVideoFrame.toImage() in the GUI thread,
                 the QImage painted by a QWidget (what a deck painting its slides does);
  qt-sink-thread the same with toImage() run in the thread that delivers the frame;
  pyav           PyAV decoding (FFmpeg, its SIMD swscale to BGRA) in a Python thread,
                 the QImage painted by a QWidget;
  libmpv         libmpv (python-mpv) drawing into a QWidget's native window (vo=x11);
  mpv            mpv --vo=x11 --hwdec=no (and mpv-xv, --vo=xv, where Xvfb offers XVideo);
  chromium       Chromium --kiosk with a <video>.
For each: CPU of the player's process tree over 10 s after 3 s of warm-up (percent of one
core; the machine has os.cpu_count() of them), the threads that used it, PSS of the tree,
frames presented per second counted from inside where the player can say (Qt: frames
painted or delivered to the sink; mpv: playback advance less dropped frames; Chromium:
requestVideoFrameCallback), and distinct pictures in 20 screen grabs (xwd) at ~10 a second.
Then: time from QMediaPlayer.play() to the first frame in a QVideoSink (median of 10), and
the size of what QtMultimedia adds to the installer.

The Qt players need PySide6-Addons, which the kiosk does not depend on: they run under
$VIDEO_PYTHON (default: this Python) and are skipped with a note where it lacks
PySide6.QtMultimedia; pyav and libmpv need the `av` and `mpv` (python-mpv + libmpv)
modules there. Set BENCH_RUNS (default 3) and BENCH_ONLY=qt-widget,mpv,... to narrow.
Run: python benchmarks/video.py (not part of the tests).
"""

from __future__ import annotations

import contextlib
import json
import lzma
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import x11bench  # the X11 and /proc helpers, shared

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
WIDTH, HEIGHT, FPS, SECONDS = 1920, 1080, 30, 30
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
ONLY = [name for name in os.environ.get("BENCH_ONLY", "").split(",") if name]
PYTHON = os.environ.get("VIDEO_PYTHON", sys.executable)
WARM_UP, WINDOW, GRABS = 3.0, 10.0, 20
TICK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- the clip and the X server


def make_clip() -> Path:
    clip = CACHE / f"testsrc2-{WIDTH}x{HEIGHT}p{FPS}-{SECONDS}s.mp4"
    if not clip.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "ffmpeg", "-v", "error", "-y", "-f", "lavfi",
                "-i", f"testsrc2=size={WIDTH}x{HEIGHT}:rate={FPS}", "-t", str(SECONDS),
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-movflags", "+faststart", str(clip.with_suffix(".part.mp4")),
            ],
            check=True,
        )  # fmt: skip
        clip.with_suffix(".part.mp4").rename(clip)
    return clip


def threads(pid: int) -> dict[str, float]:
    """CPU seconds of every thread of the tree, keyed 'process/thread name (tid)'."""
    found = {}
    for member in x11bench.tree(pid):
        try:
            process = Path(f"/proc/{member}/comm").read_text().strip()
        except OSError:
            continue
        for task in Path(f"/proc/{member}/task").glob("*"):
            try:
                text = (task / "stat").read_text()
            except OSError:
                continue
            name = text[text.index("(") + 1 : text.rindex(")")]
            fields = text.rsplit(")", 1)[1].split()
            found[f"{process}/{name} ({task.name})"] = (int(fields[11]) + int(fields[12])) / TICK
    return found


def by_thread_kind(before: dict[str, float], after: dict[str, float], seconds: float) -> str:
    """Percent of a core per kind of thread (the name without its number), busiest first."""
    kinds: dict[str, float] = {}
    for key, value in after.items():
        kind = key.rsplit(" (", 1)[0].rstrip("0123456789:")
        kinds[kind] = kinds.get(kind, 0.0) + value - before.get(key, 0.0)
    busiest = sorted(kinds.items(), key=lambda item: -item[1])
    return ", ".join(f"{k} {100 * v / seconds:.0f}%" for k, v in busiest[:5] if v > 0.05 * seconds)


# ---------------------------------------------------------------- the players


#: The widget that paints the frames a QImage path hands it, counting them (in the
#: players' own code below).
CANVAS = r"""
class Canvas(QWidget):
    def __init__(self):
        super().__init__()
        self.image = QImage()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    def show_image(self, image):
        self.image = image
        self.update()
    def paintEvent(self, event):
        painter = QPainter(self)
        if self.image.isNull():
            painter.fillRect(self.rect(), Qt.GlobalColor.black)
        else:
            painter.drawImage(self.rect(), self.image)
            count[0] += 1
        painter.end()
"""

QT_COMMON = (
    r"""
import os, sys, threading, time
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink
CLIP, COUNTER = sys.argv[1], sys.argv[2]
if os.environ.get("VIDEO_CPU_CONVERSION"):
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ForceRasterWidgets)
app = QApplication(sys.argv[:1])
count = [0]
where = set()
def thread_name():
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"
def write_counter():
    with open(COUNTER + ".part", "w") as f:
        f.write(f"{time.monotonic()} {count[0]} {','.join(sorted(where))}")
    os.replace(COUNTER + ".part", COUNTER)
timer = QTimer(); timer.timeout.connect(write_counter); timer.start(100)
player = QMediaPlayer()
player.setLoops(QMediaPlayer.Loops.Infinite)
player.setSource(QUrl.fromLocalFile(CLIP))
"""
    + CANVAS
)

QT_PLAYERS = {
    "qt-widget": r"""
from PySide6.QtMultimediaWidgets import QVideoWidget
window = QVideoWidget()
player.setVideoOutput(window)
def seen(frame):
    count[0] += 1
    where.add("delivered in " + thread_name())
window.videoSink().videoFrameChanged.connect(seen)
""",
    "qt-item": r"""
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView
from PySide6.QtMultimediaWidgets import QGraphicsVideoItem
from PySide6.QtCore import QSizeF
scene = QGraphicsScene(0, 0, 1920, 1080)
item = QGraphicsVideoItem()
item.setSize(QSizeF(1920, 1080))
scene.addItem(item)
window = QGraphicsView(scene)
window.setFrameShape(QGraphicsView.Shape.NoFrame)
window.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
window.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
window.setBackgroundBrush(Qt.GlobalColor.black)
player.setVideoOutput(item)
def seen(frame):
    count[0] += 1
    where.add("delivered in " + thread_name())
item.videoSink().videoFrameChanged.connect(seen)
""",
    "qt-sink-gui": r"""
window = Canvas()
sink = QVideoSink()
def convert(frame):
    where.add("toImage in " + thread_name())
    window.show_image(frame.toImage())
sink.videoFrameChanged.connect(convert)
player.setVideoSink(sink)
""",
    "qt-sink-thread": r"""
window = Canvas()
class Bridge(QObject):
    converted = Signal(QImage)
bridge = Bridge()
bridge.converted.connect(window.show_image, Qt.ConnectionType.QueuedConnection)
sink = QVideoSink()
def convert(frame):
    where.add("toImage in " + thread_name())
    bridge.converted.emit(frame.toImage())
sink.videoFrameChanged.connect(convert, Qt.ConnectionType.DirectConnection)
player.setVideoSink(sink)
""",
}

PYAV = (
    r"""
import os, sys, threading, time
import av
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget
CLIP, COUNTER = sys.argv[1], sys.argv[2]
app = QApplication(sys.argv[:1])
count = [0]
def write_counter():
    with open(COUNTER + ".part", "w") as f:
        f.write(f"{time.monotonic()} {count[0]} reformat in a Python thread")
    os.replace(COUNTER + ".part", COUNTER)
timer = QTimer(); timer.timeout.connect(write_counter); timer.start(100)
"""
    + CANVAS
    + r"""class Bridge(QObject):
    decoded = Signal(QImage)
window = Canvas()
bridge = Bridge()
bridge.decoded.connect(window.show_image, Qt.ConnectionType.QueuedConnection)
def decode():
    while True:
        with av.open(CLIP) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            began = time.monotonic()
            for frame in container.decode(stream):
                rgb = frame.reformat(format="bgra")
                plane = rgb.planes[0]
                image = QImage(bytes(plane), rgb.width, rgb.height, plane.line_size,
                               QImage.Format.Format_RGB32)
                due = began + float(frame.time)
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                elif delay < -1 / 30:
                    continue  # late: drop it, as a player would
                bridge.decoded.emit(image)
threading.Thread(target=decode, daemon=True).start()
"""
)

LIBMPV = r"""
import os, sys, time
import mpv
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
CLIP, COUNTER = sys.argv[1], sys.argv[2]
app = QApplication(sys.argv[:1])
window = QWidget()
window.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
window.setStyleSheet("background: black")
window.setWindowFlags(Qt.WindowType.FramelessWindowHint)
window.setGeometry(app.primaryScreen().geometry())
window.showFullScreen()
app.processEvents()
player = mpv.MPV(wid=str(int(window.winId())), vo="x11", hwdec="no", loop_file="inf",
                 mute=True, audio="no", osc=False, input_default_bindings=False)
player.play(CLIP)
state = {"last": None, "shown": 0.0}
def write_counter():
    try:
        position = player.playback_time or 0.0
        drops = (player.frame_drop_count or 0) + (player.decoder_frame_drop_count or 0)
    except Exception:
        return
    if state["last"] is not None:
        advance = position - state["last"][0]
        if advance < 0:
            advance += 30.0
        state["shown"] += advance * 30 - (drops - state["last"][1])
    state["last"] = (position, drops)
    with open(COUNTER + ".part", "w") as f:
        f.write(f"{time.monotonic()} {state['shown']:.1f} playback advance less drops")
    os.replace(COUNTER + ".part", COUNTER)
timer = QTimer(); timer.timeout.connect(write_counter); timer.start(100)
sys.exit(app.exec())
"""

SHOW_QT = r"""
window.setWindowFlags(Qt.WindowType.FramelessWindowHint)
window.setGeometry(app.primaryScreen().geometry())
window.showFullScreen()
player.play()
sys.exit(app.exec())
"""

FIRST_FRAME = r"""
import os, sys, time
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtMultimedia import QMediaPlayer, QVideoSink
# One measurement per process, left with os._exit: QMediaPlayer.stop() from Python can
# deadlock (the GUI thread waits in stop() holding the GIL for the renderer thread, which
# waits for the GIL to deliver a frame to Python).
app = QGuiApplication(sys.argv[:1])
CLIP, PRELOAD = sys.argv[1], sys.argv[2] == "preloaded"
player, sink = QMediaPlayer(), QVideoSink()
player.setVideoSink(sink)
began = [0.0]
def seen(frame):
    if frame.isValid():
        print((time.perf_counter() - began[0]) * 1000, flush=True)
        os._exit(0)
def play():
    began[0] = time.perf_counter()
    if not PRELOAD:
        player.setSource(QUrl.fromLocalFile(CLIP))
    player.play()
def status(value):
    if value == QMediaPlayer.MediaStatus.LoadedMedia:
        QTimer.singleShot(200, play)
sink.videoFrameChanged.connect(seen)
if PRELOAD:
    player.mediaStatusChanged.connect(status)
    player.setSource(QUrl.fromLocalFile(CLIP))
else:
    QTimer.singleShot(200, play)
QTimer.singleShot(10000, lambda: os._exit(1))
app.exec()
"""


def chromium_page(folder: Path, clip: Path) -> Path:
    page = folder / "video.html"
    page.write_text(
        f"""<!doctype html><html><head><style>
html,body{{margin:0;background:#000;overflow:hidden}}
video{{width:100vw;height:100vh;object-fit:contain;display:block}}</style></head>
<body><video src="{clip.as_uri()}" autoplay muted loop playsinline></video><script>
const v = document.querySelector('video'); let shown = 0;
function count() {{ shown++; v.requestVideoFrameCallback(count); }}
v.requestVideoFrameCallback(count);
setInterval(() => {{ document.title = 'frames ' + shown + ' ' + performance.now(); }}, 100);
</script></body></html>""",
        encoding="utf-8",
    )
    return page


class Player:
    def __init__(
        self, name: str, command: list[str], counter: str | None = None, **env: str
    ) -> None:
        self.name, self.command, self.counter, self.env = name, command, counter, env
        self.socket: Path | None = None

    def frames(self, display: str) -> tuple[float, float, str] | None:
        """(clock seconds, frames presented so far, note) from inside the player."""
        if self.counter == "file":
            try:
                stamp, frames, *note = Path(self.counter_path).read_text().split(" ", 2)
            except (OSError, ValueError):
                return None
            return float(stamp), float(frames), (note or [""])[0]
        if self.counter == "title":
            found = subprocess.run(
                ["xdotool", "search", "--name", "^frames "],
                env={**os.environ, "DISPLAY": display},
                capture_output=True,
                text=True,
            ).stdout.split()
            for window in found:
                title = subprocess.run(
                    ["xdotool", "getwindowname", window],
                    env={**os.environ, "DISPLAY": display},
                    capture_output=True,
                    text=True,
                ).stdout.split()
                if len(title) >= 3 and title[0] == "frames":
                    return time.monotonic(), float(title[1]), "requestVideoFrameCallback"
            return None
        if self.counter == "mpv" and self.socket is not None:
            position = mpv_get(self.socket, "playback-time")
            drops = (mpv_get(self.socket, "frame-drop-count") or 0) + (
                mpv_get(self.socket, "decoder-frame-drop-count") or 0
            )
            if position is None:
                return None
            return time.monotonic(), position, f"drops {drops}"
        return None

    counter_path = ""


def mpv_get(path: Path, name: str) -> float | None:
    with contextlib.suppress(OSError, ValueError, KeyError), socket.socket(socket.AF_UNIX) as s:
        s.settimeout(2)
        s.connect(str(path))
        s.sendall(json.dumps({"command": ["get_property", name]}).encode() + b"\n")
        reply = b""
        while b"\n" not in reply:
            reply += s.recv(4096)
        return json.loads(reply.split(b"\n")[0])["data"]
    return None


def has(module: str) -> bool:
    return subprocess.run([PYTHON, "-c", f"import {module}"], capture_output=True).returncode == 0


def players(work: Path, clip: Path, display: str) -> tuple[list[Player], list[str]]:
    found, notes = [], []
    qt = has("PySide6.QtMultimedia")
    if not qt:
        notes.append(f"Qt players skipped: no PySide6.QtMultimedia in {PYTHON} (PySide6-Addons)")
    for name, body in QT_PLAYERS.items():
        if qt:
            script = work / f"{name}.py"
            script.write_text(QT_COMMON + body + SHOW_QT, encoding="utf-8")
            found.append(Player(name, [PYTHON, str(script)], "file"))
            if name.startswith("qt-sink"):  # Qt's own CPU conversion, no OpenGL (llvmpipe)
                found.append(
                    Player(f"{name}-cpu", [PYTHON, str(script)], "file", VIDEO_CPU_CONVERSION="1")
                )
            else:  # no OpenGL for Qt on X: what its video output does without llvmpipe
                found.append(
                    Player(
                        f"{name}-nogl", [PYTHON, str(script)], "file", QT_XCB_GL_INTEGRATION="none"
                    )
                )
    if qt and has("av"):
        (work / "pyav.py").write_text(PYAV + SHOW_QT.replace("player.play()\n", ""), "utf-8")
        found.append(Player("pyav", [PYTHON, str(work / "pyav.py")], "file"))
    elif qt:
        notes.append(f"pyav skipped: no module av in {PYTHON}")
    if qt and has("mpv"):
        (work / "libmpv.py").write_text(LIBMPV, encoding="utf-8")
        found.append(Player("libmpv", [PYTHON, str(work / "libmpv.py")], "file"))
    elif qt:
        notes.append(f"libmpv skipped: no module mpv (python-mpv and libmpv) in {PYTHON}")
    mpv = shutil.which("mpv")
    if mpv:
        xv = subprocess.run(
            ["xvinfo"], env={**os.environ, "DISPLAY": display}, capture_output=True, text=True
        ).stdout
        if "no adaptors present" in xv or not xv:
            notes.append("mpv-xv skipped: this X server has no XVideo adaptor (Xvfb has none)")
        for name, vo in (("mpv", "x11"), ("mpv-xv", "xv")):
            if vo == "xv" and ("no adaptors present" in xv or not xv):
                continue
            player = Player(
                name,
                [
                    mpv, f"--vo={vo}", "--hwdec=no", "--fs", "--loop-file=inf", "--mute=yes",
                    "--no-audio", "--no-osc", "--no-input-default-bindings", "--really-quiet",
                    "--no-config", f"--input-ipc-server={work / name}.sock", str(clip),
                ],
                "mpv",
            )  # fmt: skip
            player.socket = work / f"{name}.sock"
            found.append(player)
    else:
        notes.append("mpv skipped: not installed (apt-get install mpv)")
    chromium = shutil.which("chromium")
    if chromium:
        found.append(
            Player(
                "chromium",
                [
                    chromium,
                    "--kiosk",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--autoplay-policy=no-user-gesture-required",
                    f"--user-data-dir={work / 'chromium'}",
                    chromium_page(work, clip).as_uri(),
                ],
                "title",
            )
        )
    else:
        notes.append("chromium skipped: not installed (apt-get install chromium)")
    if ONLY:
        found = [player for player in found if player.name in ONLY]
    return found, notes


# ---------------------------------------------------------------- one measured run


def stop(process: subprocess.Popen[bytes]) -> None:
    for member in reversed(x11bench.tree(process.pid)):
        with contextlib.suppress(OSError):
            os.kill(member, 15)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        for member in reversed(x11bench.tree(process.pid)):
            with contextlib.suppress(OSError):
                os.kill(member, 9)
        process.wait()


def measure(player: Player, display: str, clip: Path, work: Path) -> dict[str, object]:
    player.counter_path = str(work / f"{player.name}.count")
    Path(player.counter_path).unlink(missing_ok=True)
    empty = x11bench.capture(display)
    process = subprocess.Popen(
        [*player.command, str(clip), player.counter_path]
        if player.counter == "file"
        else player.command,
        env={**os.environ, "DISPLAY": display, **player.env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        began = time.monotonic()
        while x11bench.capture(display) == empty:
            if time.monotonic() - began > 30 or process.poll() is not None:
                return {"error": "showed nothing within 30 s"}
            time.sleep(0.1)
        time.sleep(WARM_UP)
        first, before = player.frames(display), threads(process.pid)
        cpu_began = time.monotonic()
        time.sleep(WINDOW)
        after, seconds = threads(process.pid), time.monotonic() - cpu_began
        last = player.frames(display)
        pss = x11bench.pss_mb(process.pid)
        shots = []
        for _ in range(GRABS):
            shot_began = time.monotonic()
            shots.append(x11bench.capture(display))
            time.sleep(max(0.0, 0.1 - (time.monotonic() - shot_began)))
        result: dict[str, object] = {
            "cpu": 100 * (sum(after.values()) - sum(before.values())) / seconds,
            "threads": by_thread_kind(before, after, seconds),
            "pss": pss,
            "distinct": len(set(shots)),
            "fps": None,
            "note": "",
        }
        if first and last and last[0] > first[0]:
            frames = last[1] - first[1]
            if player.counter == "mpv":  # playback position, less the frames dropped
                advance = frames % SECONDS if frames < 0 else frames
                dropped = float(last[2].split()[1]) - float(first[2].split()[1])
                frames = advance * FPS - dropped
                result["note"] = f"dropped {dropped:.0f} in {seconds:.0f} s"
            else:
                result["note"] = last[2]
            result["fps"] = frames / (last[0] - first[0])
        return result
    finally:
        stop(process)


def first_frame_ms(work: Path, clip: Path) -> list[float] | None:
    """Median ms from play() to the first frame in a QVideoSink: source set at play(), and
    source set and loaded before play() (as a deck could do for the next slide)."""
    if not has("PySide6.QtMultimedia"):
        return None
    script = work / "first_frame.py"
    script.write_text(FIRST_FRAME, encoding="utf-8")
    medians = []
    for mode in ("fresh", "preloaded"):
        values = []
        for _ in range(11):  # the first warms the disk cache and is not counted
            out = subprocess.run(
                [PYTHON, str(script), str(clip), mode],
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                capture_output=True,
                text=True,
                timeout=60,
            )
            with contextlib.suppress(ValueError, IndexError):
                values.append(float(out.stdout.split()[-1]))
        if len(values) < 2:
            return None
        medians.append(statistics.median(values[1:]))
    return medians


# ---------------------------------------------------------------- installer cost


def installer_cost() -> list[tuple[str, int, int]] | None:
    """The files QtMultimedia brings that the installer does not collect now."""
    found = subprocess.run(
        [PYTHON, "-c", "import PySide6, os; print(os.path.dirname(PySide6.__file__))"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not found or not has("PySide6.QtMultimedia"):
        return None
    pyside = Path(found)
    start = [
        pyside / "QtMultimedia.abi3.so",
        pyside / "QtMultimediaWidgets.abi3.so",
        *sorted((pyside / "Qt" / "plugins" / "multimedia").glob("*.so")),
    ]
    # What the installer ships today (build_installer.spec keeps these from PySide6).
    shipped = {"libQt6Core", "libQt6Gui", "libQt6Widgets", "libQt6DBus", "libQt6OpenGL"}
    shipped |= {"libQt6Svg", "libQt6XcbQpa", "libicudata", "libicui18n", "libicuuc"}
    shipped |= {"libpyside6", "libshiboken6"}
    needed: dict[Path, None] = dict.fromkeys(start)
    queue = list(start)
    while queue:
        out = subprocess.run(["ldd", str(queue.pop())], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if "=>" not in line:
                continue
            target = Path(line.split("=>")[1].split("(")[0].strip()).resolve()
            if pyside.resolve() in target.parents and target not in needed:
                if target.name.split(".")[0] in shipped:
                    continue
                needed[target] = None
                queue.append(target)
    rows = []
    for path in needed:
        data = path.read_bytes()
        rows.append((path.name, len(data), len(lzma.compress(data, preset=6))))
    return sorted(rows, key=lambda row: -row[1])


# ---------------------------------------------------------------- the report


def main() -> None:
    if not shutil.which("Xvfb") or not shutil.which("xwd") or not shutil.which("ffmpeg"):
        sys.exit("needs Xvfb, xwd (x11-apps) and ffmpeg: bash benchmarks/setup.sh")
    clip = make_clip()
    server, display = x11bench.start_xvfb()
    results: dict[str, list[dict[str, object]]] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            found, notes = players(work, clip, display)
            for note in notes:
                print(f"note: {note}")
            for run in range(RUNS):
                for player in found:
                    result = measure(player, display, clip, work)
                    results.setdefault(player.name, []).append(result)
                    print(f"run {run + 1} {player.name}: {result}", file=sys.stderr)
            first = first_frame_ms(work, clip) if not ONLY or "first-frame" in ONLY else None
    finally:
        server.terminate()
        server.wait()
    print()
    print(f"{WIDTH}x{HEIGHT}p{FPS} H.264 (testsrc2), looping, muted, full screen on Xvfb;")
    print(f"medians of {RUNS} runs; CPU in % of one core ({os.cpu_count()} cores).")
    print()
    print(
        "| player | CPU | PSS | frames presented/s (inside) | distinct of 20 grabs"
        " | busiest threads |"
    )
    print("|---|---|---|---|---|---|")
    for name, runs in results.items():
        good = [run for run in runs if "error" not in run]
        if not good:
            print(f"| {name} | {runs[0]['error']} | | | | |")
            continue

        def median(key: str, runs: list[dict[str, object]] = good) -> float | None:
            values = [float(run[key]) for run in runs if run[key] is not None]  # type: ignore[arg-type]
            return statistics.median(values) if values else None

        fps = median("fps")
        middle = sorted(good, key=lambda run: float(run["cpu"]))[len(good) // 2]  # type: ignore[arg-type]
        print(
            f"| {name} | {median('cpu'):.0f}% | {median('pss'):.0f} MB | "
            + (f"{fps:.1f} ({middle['note']})" if fps is not None else "-")
            + f" | {median('distinct'):.0f} | {middle['threads']} |"
        )
    if first:
        print()
        print(
            "QMediaPlayer.play() to the first frame in a QVideoSink (median of 10): "
            f"source set at play() {first[0]:.0f} ms; source set and loaded before "
            f"play() {first[1]:.0f} ms"
        )
    cost = installer_cost()
    if cost:
        print()
        print("| file QtMultimedia needs that the installer lacks | size | xz -6 |")
        print("|---|---|---|")
        for name, size, packed in cost:
            print(f"| {name} | {size / 1e6:.1f} MB | {packed / 1e6:.1f} MB |")
        total, packed = sum(row[1] for row in cost), sum(row[2] for row in cost)
        print(f"| **total** | **{total / 1e6:.1f} MB** | **{packed / 1e6:.1f} MB** |")


if __name__ == "__main__":
    main()
