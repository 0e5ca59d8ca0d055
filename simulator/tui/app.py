"""The Talkdown app: home, briefing, play and debrief (DESIGN 5).

Screens ask for what they need with messages (``simulator.tui.messages``), which the
app handles here. ``make_app`` builds the app (tests and snapshots use it); ``run_app``
is what ``talkdown play`` calls.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App
from textual.binding import Binding

from simulator.language import Analyzer
from simulator.live import RecordedSession
from simulator.scenario import LoadedScenario
from simulator.scoring import rubric_refs
from simulator.settings import Paths
from simulator.transcripts import TranscriptSaveError
from simulator.tui.messages import BriefingRequested, CallEnded, HomeRequested, StartRequested, TraineeChanged
from simulator.tui.preferences import Preferences
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.dialogs import ConfirmScreen, HelpScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.state import AppConfig, AppState

LIGHT, DARK = "textual-light", "textual-dark"


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
        self.preferences = Preferences.load(config.paths.config_dir)
        self.state = AppState(config, trainee=(config.trainee or self.preferences.trainee or "").strip(),
                              mode=config.mode if config.mode in ("coach", "assess") else "coach")
        self.live: RecordedSession | None = None
        self.saved: list[Path] = []
        self._first_seed = config.seed

    # Start-up ------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.preferences.theme in (LIGHT, DARK):
            self.theme = self.preferences.theme
        self.push_screen(HomeScreen(self.state))
        # After the first paint, so it does not hold up the screen the recruit sees first.
        self.set_timer(0.3, self.warm_up)
        if self.config.scenario is not None:
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

    @on(BriefingRequested)
    def open_briefing(self, message: BriefingRequested) -> None:
        screen = BriefingScreen(self.state, message.loaded, message.seed)
        if message.replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @on(StartRequested)
    def begin(self, message: StartRequested) -> None:
        """Start a session and its transcript; stay on the briefing if it cannot be saved."""
        seed = message.seed
        if seed is None:
            seed = self._first_seed if self._first_seed is not None else self.config.seeds()
            self._first_seed = None
        trainee = self.state.trainee or "trainee"
        rubrics, _ = self.state.rubrics.get()
        live = RecordedSession(message.loaded, trainee=trainee, mode=self.state.mode, seed=seed,
                               transcripts=self.config.paths.transcripts, rubrics=rubric_refs(rubrics or []),
                               session_id=self.config.session_ids() if self.config.session_ids else None,
                               now=self.config.now)
        try:
            events = live.start()
        except (OSError, TranscriptSaveError) as exc:
            self.notify(f"Cannot create the transcript in '{self.config.paths.transcripts}': "
                        f"{getattr(exc, 'reason', None) or exc}. Nothing was started.",
                        title="Not started", severity="error", timeout=10, markup=False)
            return
        self.live = live
        self.saved.append(live.path)
        self.remember_trainee(TraineeChanged(trainee))
        screen = PlayScreen(self.state, live)
        self.switch_screen(screen)
        screen.call_after_refresh(screen.show, events)

    @on(CallEnded)
    def show_debrief(self, message: CallEnded) -> None:
        message.recorded.close()
        self.switch_screen(DebriefScreen(self.state, message.recorded))

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

    @work(thread=True, exit_on_error=False, group="warm-up")
    def warm_up(self) -> None:
        """Load the rubrics and compile the language layer's phrase banks while the recruit
        reads (the first call would otherwise pause the screen for most of a second)."""
        self.state.rubrics.get()
        Analyzer()

    def on_unmount(self) -> None:
        # Killed or closed some other way: the turns are on disk already; close the file.
        if self.live is not None:
            self.live.close()


def make_app(*, paths: Paths | None = None, scenarios: Path | None = None, transcripts: Path | None = None,
             **options: object) -> TalkdownApp:
    """The app, configured. ``scenarios`` and ``transcripts`` override ``paths``; ``options`` are
    the other AppConfig fields (scenario, trainee, mode, seed, clock, now, ...)."""
    where = (paths or Paths.resolve()).but(scenarios=scenarios, transcripts=transcripts)
    return TalkdownApp(AppConfig(paths=where, **options))  # type: ignore[arg-type]


def run_app(*, paths: Paths, scenario: LoadedScenario | None = None, trainee: str | None = None,
            mode: str = "coach", seed: int | None = None) -> None:
    app = make_app(paths=paths, scenario=scenario, trainee=trainee, mode=mode, seed=seed)
    app.run()
    for path in app.saved:
        if path.exists():
            print(f"Transcript saved: {path}")
