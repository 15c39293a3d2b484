"""Starts the GUI: QApplication, style, fonts, translators, the database, log-in, main window."""

from __future__ import annotations

import logging
import os
import sys
import time

from chemcluster_desktop import APP_NAME, ORG_NAME, __version__, i18n, paths

log = logging.getLogger("chemcluster")

_translators: list = []


def setup_logging() -> None:
    try:
        paths.logs_dir().mkdir(parents=True, exist_ok=True)
        logging.basicConfig(filename=str(paths.logs_dir() / "chemcluster.log"), level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    except OSError:
        logging.basicConfig(level=logging.WARNING)


def qt_translation_dirs() -> list:
    """Where Qt's own ``qtbase_<lang>.qm`` may be: Qt's TranslationsPath (a dev venv or an installed
    wheel), PySide6's folder inside a frozen build, and our resources (the spec copies them there)."""
    from pathlib import Path

    from PySide6.QtCore import QLibraryInfo

    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.append(Path(frozen) / "PySide6" / "Qt" / "translations")
        dirs.append(Path(frozen) / "PySide6" / "translations")
    try:
        import PySide6

        dirs.append(Path(PySide6.__file__).parent / "Qt" / "translations")
    except Exception:
        pass
    dirs.append(paths.resource("translations"))
    seen, out = set(), []
    for d in dirs:
        if d not in seen and d.is_dir():
            seen.add(d)
            out.append(d)
    return out


def install_translators(app, lang: str) -> None:
    """Our .qm (English) plus Qt's own qtbase_<lang>; Russian source strings need no .qm."""
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    i18n.set_language(lang)
    qm = paths.resource("translations", f"chemcluster_{lang}.qm")
    if lang != "ru" and qm.is_file():
        t = QTranslator(app)
        if t.load(str(qm)):
            app.installTranslator(t)
            _translators.append(t)
    qt_tr = QTranslator(app)
    for d in qt_translation_dirs():
        if qt_tr.load(f"qtbase_{lang}", str(d)):
            app.installTranslator(qt_tr)
            _translators.append(qt_tr)
            break
    else:
        log.info("Qt's own translation qtbase_%s not found in %s", lang, qt_translation_dirs())
    loc = QLocale(QLocale.Language.Russian, QLocale.Country.Russia) if lang == "ru" else QLocale(
        QLocale.Language.English, QLocale.Country.UnitedKingdom)
    QLocale.setDefault(loc)
    from chemcluster_desktop.ui import format as fmt

    # money and dates follow Russian conventions in both languages (DOMAIN.md)
    fmt.set_locale(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    i18n.set_hook(QCoreApplication.translate)


# the services each first page needs (a page's module imports them, after Qt)
_FIRST_PAGE_SERVICES = {"inventory": "inventory", "accreditation": "accreditation", "schedule": "schedule",
                        "procurement": "procurement", "cluster": "cluster", "journal": "journal",
                        "reference": "locations", "reports": "printing"}


def import_before_qt(first_page: str | None, db: str | None = None) -> None:
    """Import the window's non-Qt modules (SQLAlchemy, the services of the start and of the page that opens
    first) *before* PySide6.

    PySide6 hooks ``import``: every module imported after it is read back as source text
    (``inspect.getsource`` in ``shibokensupport/feature.py``, to see whether it uses ``from __feature__
    import …``) — for SQLAlchemy's ~150 modules and the program's services ~0.1 s of each start of an
    installation from source (bench/README, «Start-up»). Modules imported before Qt are not read. The frozen
    build has no sources, so there it only moves the same work earlier."""
    import importlib
    import importlib.util

    import sqlalchemy.orm  # noqa: F401 - imported for its side effect: before Qt

    target = str(db or os.environ.get("CHEMCLUSTER_DB") or "")  # no URL: the embedded SQLite file
    modules = ["sqlalchemy.dialects." + ("postgresql" if target.startswith("postgresql") else "sqlite")]
    names = ["context", "audit", "settings_service", "security", "database", "listing"]
    extra = _FIRST_PAGE_SERVICES.get(first_page or "inventory")
    if extra:
        names.append(extra)
    modules += [f"chemcluster_desktop.services.{name}" for name in names]
    for module in modules:
        try:  # only earlier than they would be anyway: a module that cannot load fails where it is used
            if importlib.util.find_spec(module) is not None:
                importlib.import_module(module)
        except ImportError as e:
            log.info("not imported before Qt: %s (%s)", module, e)


_OWN_PACKAGE = "chemcluster_desktop"


def answer_pyside_source_check() -> None:
    """Answer PySide6's import-hook question «does this module use PySide6?» without ``inspect.getsource``.

    PySide6 hooks ``import``: the first time an ``import`` statement names a module after PySide6 is loaded,
    ``shibokensupport.feature._mod_uses_pyside()`` reads the module's source back through
    ``inspect.getsource`` (linecache, encoding detection, line splitting) to see whether the text contains
    "PySide6" (only such modules may switch ``from __feature__ import …`` on). A start asked it ~70 times,
    ~9 ms: for the ~35 UI modules and for the standard-library and SQLAlchemy modules imported before Qt.
    The same question is answered here more cheaply: for this package from its layout, reading nothing
    (only ``ui/`` and ``app.py`` import Qt — ARCHITECTURE.md, kept by ``tests/test_layers.py``); for any
    other module with a ``.py`` file by looking for the same word in the file's bytes; for the rest (no
    source, a frozen build) PySide6's own check. The hook is private to PySide6: where it is not there
    (another version), nothing changes."""
    import sys

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "_chemcluster", False):
        return

    def mod_uses_pyside(module) -> bool:
        name = getattr(module, "__name__", "") or ""
        if name == _OWN_PACKAGE or name.startswith(_OWN_PACKAGE + "."):
            return name == _OWN_PACKAGE + ".ui" or name.startswith(_OWN_PACKAGE + ".ui.") \
                or name == _OWN_PACKAGE + ".app"
        file = getattr(module, "__file__", None)
        if not (isinstance(file, str) and file.endswith(".py")):
            return original(module)
        try:
            with open(file, "rb") as f:
                return b"PySide6" in f.read()
        except OSError:  # unreadable now: PySide6's own check decides
            return original(module)

    mod_uses_pyside._chemcluster = True
    feature._mod_uses_pyside = mod_uses_pyside


def create_application(argv: list[str] | None = None, lang: str = "ru"):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    fusion_chosen = app is None
    if app is None:
        # Fusion is chosen by Qt's own ``-style`` option: QApplication.setStyle() hands back a QStyle, and
        # its first use from Python makes PySide6 create the Python type of QStyle with its ~10 enums (~5 ms
        # of every start); nothing on the way to the first window needs it
        app = QApplication([*(argv or [sys.argv[0]]), "-style", "Fusion"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(paths.resource("icons", "chemcluster.png"))))
    from chemcluster_desktop.ui.style import apply_style

    apply_style(app, fusion_chosen=fusion_chosen)
    install_translators(app, lang)
    from chemcluster_desktop.ui import screen

    screen.install(app)  # every window fits the screen, the login and recovery dialogs before the main window too
    return app


def open_database_gui(db: str | None, parent=None):
    """Open the database or explain in a dialog why not; offers the newest good backup when the
    file is corrupt. Returns the Database or None."""
    from chemcluster_desktop.services import context
    from chemcluster_desktop.services.errors import DatabaseOpenError

    try:
        # the file's integrity check runs in the background once the window is shown (ui.startup)
        return context.open_database(db, check_file=False)
    except DatabaseOpenError as e:
        if e.kind == "corrupt":
            try:
                from chemcluster_desktop.ui.dialogs.recover import offer_recovery

                recovered = offer_recovery(parent, db, e)
                if recovered is not None:
                    return recovered
                return None
            except ImportError:
                pass
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox  # only now: its Python type and enums cost ~1 ms of a start

        QMessageBox.critical(parent, QCoreApplication.translate("App", "База данных не открыта"), str(e))
        return None


# what a bare system lacks when Qt cannot load (README, «Что нужно до установки»)
LINUX_QT_PACKAGES = ("libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 "
                     "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 "
                     "libxcb-xkb1 fonts-dejavu-core")


def qt_missing_message(error: BaseException) -> str:
    """A sentence naming what to install, instead of a traceback, when Qt does not load."""
    if sys.platform.startswith("win"):
        text = i18n.translate("App", "chemcluster: не удалось загрузить Qt ({0}). Нужна 64-разрядная Windows 10 "
                                     "(1809 или новее) или Windows 11 и «Распространяемый пакет Visual C++ 2015–2022 "
                                     "x64» (https://aka.ms/vs/17/release/vc_redist.x64.exe); либо установите программу "
                                     "установщиком ChemCluster-Setup.")
        return text.format(error) + "\n"
    text = i18n.translate("App", "chemcluster: не удалось загрузить Qt ({0}). Окну программы нужны системные "
                                 "библиотеки Qt; на Debian/Ubuntu установите их:\n  sudo apt-get install {1}\n"
                                 "Команды без окна (например «chemcluster stats --json») работают и без них.")
    return text.format(error, LINUX_QT_PACKAGES) + "\n"


def _say_qt_missing(error: BaseException) -> None:
    text = qt_missing_message(error)
    if sys.stderr is not None:
        sys.stderr.write(text)
    log.error("%s", text.strip())
    if sys.platform.startswith("win"):  # the windowed program has no console: a system message box
        try:
            import ctypes

            ctypes.windll.user32.MessageBoxW(None, text, APP_NAME, 0x10)
        except Exception:  # noqa: BLE001 - nothing more can be shown
            pass


def start(db: str | None = None, lang: str | None = None, user: str | None = None):
    """Everything :func:`main` does up to the main window shown: ``(app, window)``, or an exit code when
    there is no window (no Qt, no screen, the database refused, the log-in cancelled). The bench times
    exactly this (bench/measure_startup.py).

    Python's cyclic garbage collector is paused while the start builds its ~90,000 objects (SQLAlchemy's
    and Qt's classes, the ORM models, the widgets): it ran ~200 times and took ~65 ms of each start,
    finding little to free. Reference counting still frees everything else; the collector resumes once
    the window is up (or at once when there is no window)."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    result = None
    try:
        result = _start(db, lang, user)
        return result
    finally:
        if was_enabled:
            if isinstance(result, tuple):
                from PySide6.QtCore import QTimer

                QTimer.singleShot(RESUME_GC_MS, gc.enable)  # after the first paint
            else:
                gc.enable()


RESUME_GC_MS = 500
START_MARKS: dict[str, float] = {}  # perf_counter() at steps of the last start (the bench reads them)


def _start(db: str | None, lang: str | None, user: str | None):
    setup_logging()
    from chemcluster_desktop.settings import settings

    import_before_qt(settings().get("window/page"), db)
    try:
        import PySide6.QtWidgets  # noqa: F401 - fails on a system without Qt's libraries (libGL, libEGL, xcb…)
    except ImportError as e:
        _say_qt_missing(e)
        return 1
    answer_pyside_source_check()

    lang = lang or settings().get("language") or "ru"
    if "QT_QPA_PLATFORM" not in os.environ and sys.platform.startswith("linux") and not os.environ.get(
            "DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        sys.stderr.write("chemcluster: нет графического экрана (DISPLAY); для работы без окна используйте "
                         "команды, например «chemcluster stats --json».\n")
        return 1
    app = create_application(sys.argv, lang)
    from chemcluster_desktop.ui.crash import install_excepthook

    install_excepthook()
    from chemcluster_desktop.settings import first_start_needs_folder

    if first_start_needs_folder(db):
        from chemcluster_desktop.ui.dialogs.database_folder import ask_database_folder

        ask_database_folder()
    database = open_database_gui(db)
    if database is None:
        return 1
    from chemcluster_desktop.ui.startup import after_open

    START_MARKS["main_window"] = time.perf_counter()
    window = after_open(app, user=user or os.environ.get("CHEMCLUSTER_USER") or None)
    if window is None:
        return 1
    window.show()
    from chemcluster_desktop.ui import screen

    # fitted now (the fitting filter is paused while the window is built and first painted); its tables' headers
    # were made readable by their pages, other tables are looked for when the filter resumes (screen.resume)
    screen.fit_to_screen(window)
    return app, window


def main(db: str | None = None, lang: str | None = None, user: str | None = None) -> int:
    """The window. ``db``/``lang``/``user`` as ``chemcluster --db … --lang … --user …`` (cli.gui_main)."""
    started = start(db, lang, user)
    if isinstance(started, int):
        return started
    app, _window = started
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
