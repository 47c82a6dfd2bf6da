"""Runs docs/python.md's snippets as the application role would (TAP on stdout).
Usage: snippets_test.py SNIPPET_DIR APP_URL"""
import datetime
import sys
import threading
import time

sys.path.insert(0, sys.argv[1])
from sqlalchemy import create_engine, select                      # noqa: E402
from sqlalchemy.exc import DBAPIError                             # noqa: E402
from sqlalchemy.orm import Session                                # noqa: E402

import hexdb_api as api                                           # noqa: E402
import hexdb_errors                                               # noqa: E402
import hexdb_listen                                               # noqa: E402
from hexdb_models import (Friendship, GameVisit, MonthlyScore, PlayerProfile, Score,  # noqa: E402
                          User)

n = 0
failed = 0


def ok(cond, desc, detail=""):
    global n, failed
    n += 1
    print(("ok" if cond else "not ok") + f" {n} - {desc}")
    if not cond:
        failed += 1
        if detail:
            print("#   " + str(detail).replace("\n", "\n#   "))


def refusal(call, sqlstate, rule, desc):
    """The call is refused with sqlstate; rule (SPEC.md's constraint name) when not None."""
    with Session(engine) as s:
        try:
            call(s)
            s.commit()
        except DBAPIError as e:
            status, body = hexdb_errors.http_error(e)
            ok(body["sqlstate"] == sqlstate, f"{desc}: SQLSTATE {sqlstate} (HTTP {status})", body)
            if rule is not None:
                ok(body["rule"] == rule, f"{desc}: diag.constraint_name {rule}", body)
            return
    ok(False, f"{desc}: refused", "no error")


engine = create_engine(sys.argv[2], future=True)
with Session(engine) as s, s.begin():
    kim = api.create_user(s, "kim@example.com", "Kim", "pw-kim", datetime.date(1995, 4, 1))
    lee = api.create_user(s, "lee@example.com", "Lee", "pw-lee", datetime.date(1996, 5, 2))
    park = api.create_user(s, "park@example.com", "Park", "pw-park", datetime.date(1997, 6, 3))
ok(api.new_uuid_v7(Session(engine)) is not None, "uuid_generate_v7")
with Session(engine) as s, s.begin():
    ok(api.check_password(s, "KIM@example.com", "pw-kim") == kim, "create_user, check_password")
    ok(api.request_friendship(s, kim, lee) == "pending", "request_friendship")
    ok(api.respond_friendship(s, lee, kim, True) == "accepted", "respond_friendship")
    ok([f["friend_id"] for f in api.friends(s, kim)] == [lee], "friends()")
    api.block_user(s, park, lee)
    ok(api.remove_friendship(s, park, lee) is True, "block_user, remove_friendship")
    at = datetime.datetime(2026, 3, 5, 10, tzinfo=datetime.timezone.utc)
    ok(api.submit_score(s, kim, 300, at) > 0 and api.submit_score(s, lee, 500, at) > 0, "submit_score")
    ok([r["nickname"] for r in api.monthly_leaderboard(s, 2026, 3)] == ["Lee", "Kim"], "monthly_leaderboard")
    ok(api.monthly_rank(s, kim, 2026, 3)["rank"] == 2, "monthly_rank")
    ok(len(api.leaderboard_around(s, kim, 2026, 3, 1)) == 2, "leaderboard_around")
    ok([r["nickname"] for r in api.friends_leaderboard(s, kim, 2026, 3)] == ["Lee", "Kim"], "friends_leaderboard")
    ok(api.record_visit(s, kim, datetime.date(2026, 3, 5)) == 1, "record_visit")
    ok(api.daily_active_users(s, datetime.date(2026, 3, 5), datetime.date(2026, 3, 5))[0]["users"] == 1, "daily_active_users")
    ok(all(c["problems"] == 0 for c in api.check_integrity(s)), "check_integrity")
with Session(engine) as s:
    ok(s.get(User, kim).nickname == "Kim", "the User model reads users without password_hash")
    ok(len(s.execute(select(Score)).all()) == 2 and len(s.execute(select(MonthlyScore)).all()) == 2
       and len(s.execute(select(Friendship)).all()) == 1 and len(s.execute(select(GameVisit)).all()) == 1,
       "the Score, MonthlyScore, Friendship and GameVisit models read their tables")

# Refusals: SQLSTATE always; SPEC.md's constraint names where it names one.
refusal(lambda s: api.create_user(s, "KIM@example.com", "Kim2", "pw", datetime.date(2000, 1, 1)), "23505", "email_taken", "a taken email")
refusal(lambda s: api.request_friendship(s, kim, kim), "23514", "friendship_self", "a self-friendship")
refusal(lambda s: api.submit_score(s, kim, -1), "22023", "score_not_negative", "a negative score")
with Session(engine) as s, s.begin():
    api.block_user(s, park, kim)
refusal(lambda s: api.request_friendship(s, kim, park), "42501", "friendship_blocked", "asking someone who blocked you")
refusal(lambda s: api.submit_score(s, "00000000-0000-7000-8000-000000000000", 1), "23503", None, "an unknown user")
refusal(lambda s: api.monthly_leaderboard(s, 2026, 13), "22023", None, "month 13")
refusal(lambda s: s.execute(MonthlyScore.__table__.update().values(score=888888888)), "42501", None, "a forged monthly score")
with Session(engine) as s:
    try:
        s.execute(MonthlyScore.__table__.delete())
        ok(False, "a missing GRANT maps to HTTP 500")
    except DBAPIError as e:
        ok(hexdb_errors.http_error(e)[0] == 500, "a missing GRANT (42501 without a rule) maps to HTTP 500")

# LISTEN: the JSON arrives after commit, not before.
events = []
listener = threading.Thread(target=lambda: events.extend(hexdb_listen.friendship_events(engine, timeout=3)))
listener.start()
time.sleep(1)
with Session(engine) as s:
    api.request_friendship(s, lee, park)
    time.sleep(1)
    before_commit = len(events)
    s.commit()
listener.join()
ok(before_commit == 0, "no notification before commit")
ok(len(events) == 1 and events[0]["op"] == "insert" and events[0]["status"] == "pending"
   and events[0]["requester_id"] == str(lee), "LISTEN hexdb_friendship receives the JSON after commit", events)

# The studio's own table, and the cascade from hexdb's delete_user.
with Session(engine) as s, s.begin():
    s.add(PlayerProfile(user_id=park, avatar_url="https://cdn.example.com/park.png", bio="hi"))
with Session(engine) as s, s.begin():
    ok(api.delete_user(s, park) is True and s.get(PlayerProfile, park) is None,
       "delete_user cascades into the studio's table")
    s.add(PlayerProfile(user_id=kim, avatar_url="https://cdn.example.com/kim.png", bio="kept"))
print(f"1..{n}")
sys.exit(1 if failed else 0)
