def test_migrated_database_has_admin(db):
    from chemcluster_desktop.services import security

    assert [u.login for u in security.list_users()] == ["admin"]


def test_window_navigates(window, qtbot):
    from chemcluster_desktop.ui.pages import PAGES

    for e in PAGES:
        w = window.show_page(e.key)
        assert w is not None
