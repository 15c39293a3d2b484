"""The cards on the one form dialog (``ui/forms.FormDialog``): a refused save shows its message beside
the field it names, the card stays open, nothing is written; a good save closes it. Driven through the
cards' public fields and their Save button."""

from __future__ import annotations

from PySide6.QtCore import Qt

from chemcluster_desktop.services import context, locations, security
from chemcluster_desktop.ui.pages.reference import BuildingDialog, BuildingsDialog, RoomDialog
from chemcluster_desktop.ui.widgets.users_panel import PasswordDialog, UserDialog


def _save(qtbot, dlg) -> None:
    dlg.show()
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)


def test_building_card_refuses_a_duplicate_beside_the_name(qtbot, db):
    locations.create_building("Учебный корпус № 1", "пр. Циолковского, 23")
    dlg = BuildingDialog(None, "Новое здание")
    qtbot.addWidget(dlg)
    dlg.name.setText("учебный корпус № 1")
    _save(qtbot, dlg)
    assert dlg.isVisible() and "уже есть" in dlg.errors["name"].text()
    assert not dlg.message.isVisible()
    assert len(locations.list_buildings()) == 1
    dlg.name.setText("Корпус № 2")
    dlg.address.setText("ул. Гагарина, 1")
    _save(qtbot, dlg)
    assert not dlg.isVisible() and dlg.saved_id is not None
    assert {b.name for b in locations.list_buildings()} == {"Учебный корпус № 1", "Корпус № 2"}


def test_buildings_list_read_only_without_the_right(qtbot, db):
    dlg = BuildingsDialog(None, writable=False)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.add_btn.isVisible() and not dlg.del_btn.isVisible()


def test_room_card_checks_as_you_type(qtbot, db):
    dlg = RoomDialog(None)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.ok_button.isEnabled() and dlg.errors["name"].isVisible()
    qtbot.keyClicks(dlg.name, "Sklad")
    qtbot.keyClicks(dlg.area, "-3")
    assert dlg.errors["area_m2"].isVisible() and not dlg.ok_button.isEnabled()
    dlg.area.clear()
    assert dlg.ok_button.isEnabled()
    _save(qtbot, dlg)
    assert not dlg.isVisible() and locations.get_room(dlg.room_id).name == "Sklad"


def test_user_card_refuses_a_taken_login_beside_it(qtbot, db, as_role):
    as_role("admin")
    security.add_user("petrov", "planner", "secret1", "Петров П. П.")
    dlg = UserDialog(None)
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.login, "pe trov")
    assert "пробелов" in dlg.errors["login"].text() and not dlg.ok_button.isEnabled()
    dlg.login.clear()
    qtbot.keyClicks(dlg.login, "petrov")
    qtbot.keyClicks(dlg.password, "secret1")
    qtbot.keyClicks(dlg.password2, "secret2")
    assert "не совпадают" in dlg.errors["password"].text()
    dlg.password2.clear()
    qtbot.keyClicks(dlg.password2, "secret1")
    _save(qtbot, dlg)
    assert dlg.isVisible() and "уже есть" in dlg.errors["login"].text()
    assert dlg.saved_login is None


def test_password_card_errors_beside_the_fields(qtbot, db, as_role):
    as_role("admin")
    security.add_user("petrov", "planner", "secret1")
    dlg = PasswordDialog(None, "petrov")
    qtbot.addWidget(dlg)
    assert dlg.old_password is None  # another user's password: the current one is not asked
    qtbot.keyClicks(dlg.password, "abc")
    qtbot.keyClicks(dlg.password2, "abd")
    _save(qtbot, dlg)
    assert dlg.isVisible() and "не совпадают" in dlg.errors["password2"].text()
    dlg.password2.clear()
    qtbot.keyClicks(dlg.password2, "abc")
    _save(qtbot, dlg)
    assert dlg.isVisible() and "короткий" in dlg.errors["password"].text()
    assert not dlg.errors["password2"].isVisible()
    for w in (dlg.password, dlg.password2):
        w.clear()
        qtbot.keyClicks(w, "another1")
    _save(qtbot, dlg)
    assert not dlg.isVisible()
    assert security.authenticate("petrov", "another1").login == "petrov"


def test_own_password_needs_the_current_one(qtbot, db, as_role):
    as_role("admin")
    security.add_user("ivanova", "admin", "secret1")
    context.set_actor(context.Actor("ivanova", "admin", "Иванова"))
    dlg = PasswordDialog(None, "ivanova")
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.old_password, "wrong11")
    for w in (dlg.password, dlg.password2):
        qtbot.keyClicks(w, "another1")
    _save(qtbot, dlg)
    assert dlg.isVisible() and "текущий" in dlg.errors["old_password"].text().lower()


def test_a_card_of_tabs_shows_a_refused_field_on_its_tab(window, qtbot):
    """The item card is a FormDialog of tabs: a duplicate inventory number typed on «Основное», saved
    from another tab, is refused beside the number — and «Основное» is shown again; nothing is written."""
    from chemcluster_desktop.services import inventory
    from chemcluster_desktop.services.listing import ListQuery
    from chemcluster_desktop.ui.dialogs.item_card import ItemCardDialog
    from tests.inventory.helpers import equipment

    equipment("Весы аналитические", inventory_number="ИН-0001")
    dlg = ItemCardDialog(window, None, "equipment")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.name.setText("Весы технические")
    dlg.number.setText("ИН-0001")
    dlg.tabs.setCurrentWidget(dlg.history_tab)
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.tabs.currentIndex() == 0
    assert dlg.errors["inventory_number"].isVisibleTo(dlg) and dlg.errors["inventory_number"].text()
    assert dlg.error.isVisibleTo(dlg)  # the message under the form too
    assert inventory.count_items(ListQuery()) == 1
    dlg.number.setText("ИН-0002")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and dlg.saved_id is not None
    assert inventory.count_items(ListQuery()) == 2
