"""«Сменить пользователя» journals the end of a session: security.logout writes one «Выход» entry for the
user (no version bump of the user record, no change notification to the pages), on SQLite and PostgreSQL."""

from __future__ import annotations

from chemcluster_desktop.services import context, security
from chemcluster_desktop.services import journal as journal_service
from chemcluster_desktop.services.listing import ListQuery


def test_logout_is_journaled_after_the_login(db):
    uid = security.add_user("petrova", "viewer", "pass1", "Петрова П. П.")
    actor = security.authenticate("petrova", "pass1")
    context.set_actor(actor)
    security.logout(actor)
    rows = journal_service.page(ListQuery(filters={"entity": "User", "entity_id": uid}, limit=20))
    trail = [(r["user_login"], r["action"]) for r in sorted(rows, key=lambda r: r["id"])]
    assert trail[-2:] == [("petrova", "login"), ("petrova", "logout")]
    assert security.get_user("petrova").role == "viewer"
    assert journal_service.action_name("logout") == "Выход"
