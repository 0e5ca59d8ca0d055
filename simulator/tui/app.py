"""The Talkdown app: home, briefing, play and debrief (DESIGN 5).

Screens ask for what they need with messages (``simulator.tui.messages``), which the
app handles here. ``make_app`` builds the app (tests and snapshots use it); ``run_app``
is what ``talkdown play`` calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App
from textual.binding import Binding

from simulator.settings import LrsSettings, Paths
from simulator.tui.messages import (
    BriefingRequested,
    CallEnded,
    HomeRequested,
    InstructorChanged,
    StartRequested,
    TraineeChanged,
)
from simulator.tui.preferences import Preferences
from simulator.tui.screens.dialogs import ConfirmScreen, HelpScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.state import AppConfig, AppState

if TYPE_CHECKING:
    from simulator.live import RecordedSession
    from simulator.scenario import LoadedScenario

# The library is on screen before the engine, the language layer and the other screens are
# imported: they load in the warm-up worker (or on first use), not before the first frame.

LIGHT, DARK = "textual-light", "textual-dark"
STOP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")
EXIT_STOPPED = 0
"""A call ended by a stop signal is saved as abandoned: nothing failed."""
ELSEWHERE = "talkdown play --transcripts or TALKDOWN_TRANSCRIPTS"


class TalkdownApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Talkdown"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "request_quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config
        self.preferences, self.preferences_problem = Preferences.read(config.paths.config_dir)
        self.state = AppState(config, trainee=(config.trainee or self.preferences.trainee or "").strip(),
                              mode=config.mode if config.mode in ("coach", "assess") else "coach")
        self.live: RecordedSession | None = None
        self.saved: list[Path] = []
        self._first_seed = config.seed
        self._signals: dict[int, Any] = {}  # each signal's handler before the app took it
        self.stopped_by: str | None = None
        """The signal that ended the app (SIGTERM, ...), if one did."""

    # Start-up ------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self._catch_stop_signals()
        if self.preferences.theme in (LIGHT, DARK):
            self.theme = self.preferences.theme
        self.push_screen(HomeScreen(self.state))
        if self.preferences_problem:
            self.notify(self.preferences_problem, title="Settings not used", severity="warning", timeout=15,
                        markup=False)
        # After the first paint, so it does not hold up the screen the recruit sees first.
        self.set_timer(0.3, self.warm_up)
        if self.config.scenario is not None:
            from simulator.tui.screens.briefing import BriefingScreen

            if not self.state.trainee:
                self.state.trainee = "trainee"
            self.push_screen(BriefingScreen(self.state, self.config.scenario, self._first_seed))

    # What the screens ask for ----------------------------------------------------------------
    @on(TraineeChanged)
    def remember_trainee(self, message: TraineeChanged) -> None:
        self.state.trainee = message.name
        if message.name and message.name != self.preferences.trainee:
            self.preferences.trainee = message.name
            self.preferences.save(self.config.paths.config_dir)

    @on(InstructorChanged)
    def remember_instructor(self, message: InstructorChanged) -> None:
        if message.name and message.name != self.preferences.instructor:
            self.preferences.instructor = message.name
            self.preferences.save(self.config.paths.config_dir)

    @on(BriefingRequested)
    def open_briefing(self, message: BriefingRequested) -> None:
        from simulator.tui.screens.briefing import BriefingScreen

        screen = BriefingScreen(self.state, message.loaded, message.seed)
        if message.replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @on(StartRequested)
    def begin(self, message: StartRequested) -> None:
        """Start a session and its transcript; stay on the briefing if it cannot be saved."""
        from simulator.live import RecordedSession
        from simulator.scoring import rubric_refs
        from simulator.transcripts import TranscriptSaveError
        from simulator.tui.screens.play import PlayScreen

        seed = message.seed
        if seed is None:
            seed = self._first_seed if self._first_seed is not None else self.config.seeds()
            self._first_seed = None
        trainee = self.state.trainee or "trainee"
        rubrics, _ = self.state.rubrics.get()
        live = RecordedSession(message.loaded, trainee=trainee, mode=self.state.mode, seed=seed,
                               transcripts=self.config.paths.transcripts, rubrics=rubric_refs(rubrics or []),
                               session_id=self.config.session_ids() if self.config.session_ids else None,
                               now=self.config.now, vouch_cache=self.config.paths.cache_dir / "scores.sqlite")
        try:
            events = live.start()
        except TranscriptSaveError as exc:
            problem = exc.problem(ELSEWHERE)
            self.notify(f"Transcripts cannot be saved in '{problem.file}': {exc.reason}. {problem.hint}",
                        title="Not started", severity="error", timeout=15, markup=False)
            return
        except OSError as exc:  # the file exists already (an id drawn twice)
            self.notify(f"Cannot create the transcript '{live.path}': {exc.strerror or exc}. Nothing was started.",
                        title="Not started", severity="error", timeout=15, markup=False)
            return
        self.live = live
        self.saved.append(live.path)
        self.remember_trainee(TraineeChanged(trainee))
        screen = PlayScreen(self.state, live)
        self.switch_screen(screen)
        screen.call_after_refresh(screen.show, events)

    @on(CallEnded)
    def show_debrief(self, message: CallEnded) -> None:
        from simulator.tui.screens.debrief import DebriefScreen

        recorded = message.recorded
        recorded.close()
        if recorded.save_error is not None:
            self.notify(recorded.save_error.problem(ELSEWHERE).format(), title="Not saved", severity="error",
                        timeout=15, markup=False)
        elif LrsSettings().url:
            self.send_to_lrs(recorded.path)
        self.switch_screen(DebriefScreen(self.state, recorded))

    @work(thread=True, exit_on_error=False, group="lrs")
    def send_to_lrs(self, transcript: Path) -> None:
        """The call's xAPI statements to the LRS when one is configured (TALKDOWN_LRS_URL), off the UI
        thread; what cannot be sent now waits in the transcript's outbox for `talkdown sync`."""
        from simulator.xapi.sync import sync_after_call

        sync_after_call(transcript, self.config.paths)

    @on(HomeRequested)
    def go_home(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    # Actions -------------------------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme != LIGHT else DARK
        self.preferences.theme = self.theme
        self.preferences.save(self.config.paths.config_dir)

    def action_request_quit(self) -> None:
        if isinstance(self.screen, ConfirmScreen):
            return
        from simulator.tui.screens.play import PlayScreen

        live = self.live
        playing = live is not None and not live.finished and any(isinstance(s, PlayScreen) for s in self.screen_stack)
        error = live.save_error if live is not None else None
        if error is not None:
            question, detail = "Quit without saving the last turns?", (
                f"The transcript cannot be saved: {error.reason}. Saving is tried once more; "
                "the file keeps every complete turn before the failure.")
        elif playing:
            question, detail = ("Save and quit?", "The call so far is saved in your transcript, "
                                "marked as abandoned.")
        else:
            question, detail = "Quit Talkdown?", "Everything is already saved."

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            self.end_live("quit")
            self.exit()

        self.push_screen(ConfirmScreen(question, detail, yes="Quit"), answer)

    @work(thread=True, exit_on_error=False, group="warm-up")
    def warm_up(self) -> None:
        """Load the rubrics and compile the language layer's phrase banks while the recruit
        reads (the first call would otherwise pause the screen for most of a second), and the
        screens and engine the call needs."""
        from simulator.language import Analyzer
        from simulator.tui.screens import briefing, debrief, play  # noqa: F401 - imported now, not mid-call

        self.state.rubrics.get()
        Analyzer()

    def end_live(self, reason: str) -> None:
        """End the call in progress as abandoned (a closed `ended` event) and close its transcript."""
        live = self.live
        if live is None:
            return
        if not live.finished:
            live.abandon(reason)
        live.close()

    # Signals -------------------------------------------------------------------------------
    def _catch_stop_signals(self) -> None:
        """SIGTERM, SIGHUP and SIGINT end the call as abandoned, then the app, cleanly."""
        loop = asyncio.get_running_loop()
        for name in STOP_SIGNALS:
            sig = getattr(signal, name, None)
            if sig is None:
                continue
            try:
                previous = signal.getsignal(sig)
                loop.add_signal_handler(sig, self.stop_by_signal, sig)
            except (ValueError, RuntimeError, NotImplementedError):  # not the main thread, or no signals here
                continue
            self._signals[sig] = previous

    def _release_stop_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for sig, previous in self._signals.items():
            with contextlib.suppress(ValueError, RuntimeError):
                loop.remove_signal_handler(sig)
                signal.signal(sig, previous if previous is not None else signal.SIG_DFL)
        self._signals.clear()

    def stop_by_signal(self, sig: signal.Signals) -> None:
        if self.stopped_by is not None:
            return  # already ending
        self.stopped_by = signal.Signals(sig).name
        self.end_live(f"stopped by {self.stopped_by}")
        self.exit(return_code=EXIT_STOPPED)

    def on_unmount(self) -> None:
        # Closed some other way: the turns are on disk already; end the call and close the file.
        self._release_stop_signals()
        self.end_live("quit")


def make_app(*, paths: Paths | None = None, scenarios: Path | None = None, transcripts: Path | None = None,
             **options: object) -> TalkdownApp:
    """The app, configured. ``scenarios`` and ``transcripts`` override ``paths``; ``options`` are
    the other AppConfig fields (scenario, trainee, mode, seed, clock, now, ...)."""
    where = (paths or Paths.resolve()).but(scenarios=scenarios, transcripts=transcripts)
    return TalkdownApp(AppConfig(paths=where, **options))  # type: ignore[arg-type]


def run_app(*, paths: Paths, scenario: LoadedScenario | None = None, trainee: str | None = None,
            mode: str = "coach", seed: int | None = None) -> int:
    """Run the app; afterwards say where each transcript is, or why the last one is incomplete.
    The exit status: 0, or 2 when a transcript could not be saved."""
    app = make_app(paths=paths, scenario=scenario, trainee=trainee, mode=mode, seed=seed)
    app.run()
    error = app.live.save_error if app.live is not None else None
    unsaved = error.path if error is not None else None
    lines = [f"Transcript saved: {path}" for path in app.saved if path.exists() and path != unsaved]
    with contextlib.suppress(OSError):  # after SIGHUP there may be no terminal to print on
        for line in lines:
            print(line)
        if error is not None:
            print(error.problem(ELSEWHERE).format(), file=sys.stderr)
    return 2 if error is not None else 0
