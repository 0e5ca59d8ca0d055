"""The Talkdown app: home, briefing, play and debrief (DESIGN 5).

``make_app`` builds the app (tests and snapshots use it); ``run_app`` is what
``talkdown play`` calls.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from simulator.scenario import LoadedScenario
from simulator.tui import scores
from simulator.tui.live import LiveSession
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.dialogs import ConfirmScreen, HelpScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.settings import Settings

LIGHT, DARK = "textual-light", "textual-dark"


@dataclass
class AppConfig:
    scenarios: Path = Path("scenarios")
    transcripts: Path = Path("transcripts")
    rubrics: Path | None = None
    scenario: LoadedScenario | None = None
    """Open this scenario's briefing straight away."""
    trainee: str | None = None
    mode: str = "coach"
    seed: int | None = None
    """Seed of the first session; later new attempts draw a random one."""
    clock: Callable[[], float] = time.monotonic
    """Seconds, for the pressure timer; tests pass a fake."""
    pressure_poll: float = 0.5
    session_ids: Callable[[], str] | None = None
    now: Callable[[], datetime] | None = None
    config_dir: Path | None = None
    cursor_blink: bool = True
    seeds: Callable[[], int] = field(default=lambda: random.SystemRandom().randrange(1, 1_000_000))


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
        self.settings = Settings.load(config.config_dir)
        self.trainee = (config.trainee or self.settings.trainee or "").strip()
        self.mode = config.mode if config.mode in ("coach", "assess") else "coach"
        self.rubrics_dir = config.rubrics or scores.rubrics_dir(config.scenarios)
        self.live: LiveSession | None = None
        self.saved: list[Path] = []
        self._first_seed = config.seed

    # Start-up ------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.settings.theme in (LIGHT, DARK):
            self.theme = self.settings.theme
        self.push_screen(HomeScreen())
        # After the first paint, so it does not hold up the screen the recruit sees first.
        self.set_timer(0.3, lambda: self.run_worker(_warm_up, thread=True, name="warm-up"))
        if self.config.scenario is not None:
            if not self.trainee:
                self.trainee = "trainee"
            self.open_briefing(self.config.scenario, seed=self._first_seed)

    # Navigation ----------------------------------------------------------------------------
    def set_trainee(self, name: str) -> None:
        self.trainee = name
        if name and name != self.settings.trainee:
            self.settings.trainee = name
            self.settings.save(self.config.config_dir)

    def open_briefing(self, loaded: LoadedScenario, seed: int | None = None, replace: bool = False) -> None:
        screen = BriefingScreen(loaded, seed)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def begin(self, loaded: LoadedScenario, seed: int | None) -> None:
        """Start a session and its transcript; stay on the briefing if it cannot be saved."""
        if seed is None:
            seed = self._first_seed if self._first_seed is not None else self.config.seeds()
            self._first_seed = None
        trainee = self.trainee or "trainee"
        live = LiveSession(loaded, trainee=trainee, mode=self.mode, seed=seed,
                           transcripts=self.config.transcripts,
                           rubrics=scores.rubric_entries(self.rubrics_dir),
                           session_id=self.config.session_ids() if self.config.session_ids else None,
                           now=self.config.now)
        try:
            events = live.start()
        except OSError as exc:
            self.notify(f"Cannot create the transcript in '{self.config.transcripts}': "
                        f"{exc.strerror or exc}. Nothing was started.",
                        title="Not started", severity="error", timeout=10)
            return
        self.live = live
        self.saved.append(live.path)
        self.set_trainee(trainee)
        screen = PlayScreen(live)
        self.switch_screen(screen)
        screen.call_after_refresh(screen.show, events)

    def show_debrief(self, live: LiveSession) -> None:
        live.close()
        self.switch_screen(DebriefScreen(live, self.rubrics_dir))

    def go_home(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    # Actions -------------------------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme != LIGHT else DARK
        self.settings.theme = self.theme
        self.settings.save(self.config.config_dir)

    def action_request_quit(self) -> None:
        if isinstance(self.screen, ConfirmScreen):
            return
        live = self.live
        playing = live is not None and not live.finished and any(isinstance(s, PlayScreen) for s in self.screen_stack)
        if playing:
            question, detail = ("Save and quit?", "The call so far is saved in your transcript, "
                                "marked as abandoned.")
        else:
            question, detail = "Quit Talkdown?", "Everything is already saved."

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            if playing and live is not None:
                live.abandon("quit")
                live.close()
            self.exit()

        self.push_screen(ConfirmScreen(question, detail, yes="Quit"), answer)

    def on_unmount(self) -> None:
        # Killed or closed some other way: the turns are on disk already; close the file.
        if self.live is not None:
            self.live.close()


def _warm_up() -> None:
    """Compile the language layer's phrase banks while the recruit reads (the first Session
    would otherwise pause the screen for most of a second)."""
    from simulator.language import Analyzer  # noqa: PLC0415

    Analyzer()


def make_app(*, scenario: LoadedScenario | None = None, trainee: str | None = None, mode: str = "coach",
             seed: int | None = None, transcripts: Path = Path("transcripts"),
             scenarios: Path = Path("scenarios"), **options) -> TalkdownApp:
    """The app, configured. ``options`` are the other AppConfig fields (clock, now, ...)."""
    return TalkdownApp(AppConfig(scenarios=Path(scenarios), transcripts=Path(transcripts), scenario=scenario,
                                 trainee=trainee, mode=mode, seed=seed, **options))


def run_app(*, scenario: LoadedScenario | None = None, trainee: str | None = None, mode: str = "coach",
            seed: int | None = None, transcripts: Path = Path("transcripts"),
            scenarios: Path = Path("scenarios")) -> None:
    app = make_app(scenario=scenario, trainee=trainee, mode=mode, seed=seed, transcripts=transcripts,
                   scenarios=scenarios)
    app.run()
    for path in app.saved:
        if path.exists():
            print(f"Transcript saved: {path}")
