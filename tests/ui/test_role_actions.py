"""Issue 16: a viewer is not offered what the services would refuse — the timetable's «Сгенерировать…»
and «Закрепить», and every page's write actions, are hidden or disabled, on the toolbar and in «Правка»."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from chemcluster_desktop.ui.pages import PAGES

WRITE_ACTIONS = {"action_new", "action_delete", "action_import", "action_generate", "action_lock",
                 "action_match", "action_confirm_all", "action_stocktaking", "action_needs"}


def _offered(act) -> bool:
    return act.isVisible() and act.isEnabled()


def _open_window(qtbot):
    from chemcluster_desktop.app import create_application
    from chemcluster_desktop.ui.main_window import MainWindow

    create_application()
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_viewer_is_not_offered_write_actions(qtbot, db, as_role):
    with as_role("viewer"):
        w = _open_window(qtbot)
        for i, e in enumerate(PAGES):
            w.nav.setCurrentRow(i)
            page = w.pages[e.key]
            tb = getattr(page, "toolbar", None)
            if tb is None:
                continue
            offered = [a.objectName() for a in tb.actions() if a.objectName() in WRITE_ACTIONS and _offered(a)]
            assert offered == [], (e.key, offered)
            w.menu_edit.aboutToShow.emit()
            in_menu = [a.objectName() for a in w.menu_edit.actions() if a.objectName() in WRITE_ACTIONS and _offered(a)]
            assert in_menu == [], (e.key, in_menu)
        sched = w.pages["schedule"]
        assert not sched.act_generate.isVisible() and not sched.act_lock.isVisible()
        assert not sched.gen_button.isVisible() and not sched.lock_button.isVisible()
        adds = [b.objectName() for b in sched.findChildren(QPushButton) if b.objectName().startswith("new")
                and not b.isHidden()]
        assert adds == [], adds
        assert not sched.grid.can_edit
        w.close()


def test_planner_is_offered_generate_and_lock(qtbot, db, as_role):
    with as_role("planner"):
        w = _open_window(qtbot)
        sched = w.show_page("schedule")
        assert sched.act_generate.isVisible() and sched.act_generate.isEnabled()
        assert sched.act_lock.isVisible()
        w.close()
